package io.github.kcconsent.example;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsentLinkMinterTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.789Z");

    private static ConsentLinkMinter minter(JWSAlgorithm alg) throws Exception {
        PartnerConfig config = PartnerConfig.defaults().withAlgorithm(alg);
        return new ConsentLinkMinter(TestFiles.privateKey(), alg, config.clientId(), config.redirectUriFor(8090),
                config.realmIssuer(), config.consentEndpoint(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256"})
    void mintedLinkVerifiesWithTheRegisteredKeyAndCarriesEveryClaim(String algName) throws Exception {
        JWSAlgorithm alg = JWSAlgorithm.parse(algName);
        String jwt = minter(alg).mint("sess-123");

        SignedJWT parsed = SignedJWT.parse(jwt);
        RSAKey registered = TestFiles.registeredPublicKey();
        assertTrue(parsed.verify(new RSASSAVerifier(registered)), "signature verifies with the realm's jwks.string");

        assertEquals(alg, parsed.getHeader().getAlgorithm());
        assertEquals(registered.getKeyID(), parsed.getHeader().getKeyID());
        assertEquals(JOSEObjectType.JWT, parsed.getHeader().getType());
        assertTrue(parsed.getHeader().getCustomParams().isEmpty());
        assertEquals(null, parsed.getHeader().getJWK());

        JWTClaimsSet claims = parsed.getJWTClaimsSet();
        assertEquals("consent", claims.getStringClaim("type"));
        assertEquals("demo-partner", claims.getStringClaim("client_id"));
        assertEquals(claims.getStringClaim("client_id"), claims.getIssuer());
        assertEquals(List.of("http://localhost:8080/realms/consent-demo"), claims.getAudience());
        assertEquals("http://localhost:8090/callback", claims.getStringClaim("redirect_uri"));
        assertTrue(TestFiles.registeredRedirectUris().contains(claims.getStringClaim("redirect_uri")));
        assertEquals(Map.of("user_session", "sess-123"), claims.getJSONObjectClaim("session_metadata"));

        Instant iat = claims.getIssueTime().toInstant();
        Instant nbf = claims.getNotBeforeTime().toInstant();
        Instant exp = claims.getExpirationTime().toInstant();
        assertEquals(Instant.parse("2026-03-01T12:00:00Z"), iat);
        assertEquals(iat, nbf);
        assertEquals(Duration.ofMinutes(10), Duration.between(iat, exp));
        assertTrue(Duration.between(iat, exp).compareTo(Duration.ofHours(2)) <= 0, "exp - iat <= 2 h");

        assertNotNull(UUID.fromString(claims.getJWTID()));
        assertEquals(Set.of("type", "client_id", "iss", "aud", "redirect_uri", "session_metadata",
                "iat", "nbf", "exp", "jti"), claims.getClaims().keySet());

        // Numeric dates are whole seconds and aud is the plain issuer string, as in the partner docs.
        String payload = parsed.getPayload().toString();
        assertTrue(payload.contains("\"aud\":\"http://localhost:8080/realms/consent-demo\""), payload);
        assertTrue(payload.contains("\"iat\":" + iat.getEpochSecond()), payload);
    }

    @Test
    void everyLinkHasItsOwnJti() throws Exception {
        ConsentLinkMinter minter = minter(JWSAlgorithm.RS256);
        String a = SignedJWT.parse(minter.mint("s")).getJWTClaimsSet().getJWTID();
        String b = SignedJWT.parse(minter.mint("s")).getJWTClaimsSet().getJWTID();
        assertNotEquals(a, b);
    }

    @Test
    void consentUrlPointsAtTheRealmConsentEndpoint() throws Exception {
        ConsentLinkMinter minter = minter(JWSAlgorithm.RS256);
        String jwt = minter.mint("s");
        URI url = URI.create(minter.consentUrl(jwt));
        assertEquals("http", url.getScheme());
        assertEquals("localhost", url.getHost());
        assertEquals(8080, url.getPort());
        assertEquals("/realms/consent-demo/consent", url.getPath());
        Map<String, List<String>> query = Urls.parseQuery(url.getRawQuery());
        assertEquals(List.of("demo-partner"), query.get("client_id"));
        assertEquals(List.of("consent"), query.get("type"));
        assertEquals(List.of(jwt), query.get("jwt"));
        assertEquals(List.of("client_id", "type", "jwt"), List.copyOf(query.keySet()));
        assertFalse(URLDecoder.decode(url.getRawQuery(), StandardCharsets.UTF_8).contains(" "));
    }

    @Test
    void realmAndBaseUrlAreHonoured() {
        PartnerConfig config = PartnerConfig.parse("--keycloak-url", "https://bank.example/auth/", "--realm", "my realm");
        assertEquals("https://bank.example/auth/realms/my%20realm", config.realmIssuer());
        assertEquals("https://bank.example/auth/realms/my%20realm/consent", config.consentEndpoint());
    }
}
