package io.github.kcconsent.example;

import java.nio.file.Path;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartnerConfigTest {

    @Test
    void defaults() {
        PartnerConfig config = PartnerConfig.parse();
        assertEquals(8090, config.port());
        assertEquals(Path.of("realm-config/demo-partner-private.jwks.json"), config.keyFile());
        assertEquals("http://localhost:8080", config.keycloakUrl());
        assertEquals("consent-demo", config.realm());
        assertEquals("demo-partner", config.clientId());
        assertNull(config.redirectUri());
        assertEquals("http://localhost:8090/callback", config.redirectUriFor(config.port()));
        assertEquals(JWSAlgorithm.RS256, config.algorithm());
        assertEquals("http://localhost:8080/realms/consent-demo", config.realmIssuer());
    }

    @Test
    void everyFlag() {
        PartnerConfig config = PartnerConfig.parse("--port", "9191", "--key=/tmp/k.json", "--keycloak-url",
                "https://kc.example:8443/", "--realm", "r", "--client-id", "c", "--redirect-uri",
                "https://tpp.example/cb", "--alg", "ps256");
        assertEquals(9191, config.port());
        assertEquals(Path.of("/tmp/k.json"), config.keyFile());
        assertEquals("https://kc.example:8443", config.keycloakUrl());
        assertEquals("r", config.realm());
        assertEquals("c", config.clientId());
        assertEquals("https://tpp.example/cb", config.redirectUriFor(9191));
        assertEquals(JWSAlgorithm.PS256, config.algorithm());
    }

    @Test
    void redirectFollowsThePortUnlessGiven() {
        assertEquals("http://localhost:9999/callback", PartnerConfig.parse("--port", "9999").redirectUriFor(9999));
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PartnerConfig.parse("--alg", "HS256"))
                .getMessage().contains("RS256 or PS256"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PartnerConfig.parse("--alg", "none"))
                .getMessage().contains("RS256 or PS256"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PartnerConfig.parse("--port", "x"))
                .getMessage().contains("--port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PartnerConfig.parse("--port", "70000"))
                .getMessage().contains("port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PartnerConfig.parse("--port"))
                .getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PartnerConfig.parse("--bogus", "1"))
                .getMessage().contains("unknown option"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PartnerConfig.parse("--keycloak-url", "ftp://x"))
                .getMessage().contains("http(s)"));
        assertThrows(PartnerConfig.HelpRequested.class, () -> PartnerConfig.parse("--help"));
    }
}
