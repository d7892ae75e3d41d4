package io.github.kcconsent.it.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/** The provider jar is loaded: our realm resource answers under /realms/{realm}/consent. */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ExtensionInfoIT {

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    @Test
    void infoEndpointReportsTheDeployedVersion() throws Exception {
        HttpResponse<String> response = Http.get(realm.getBaseUrl() + "/consent/info");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JsonSerialization.readValue(response.body(), Map.class);
        assertEquals("kc-consent", body.get("name"));
        assertEquals(System.getProperty("kcconsent.expected.version"), body.get("version"));
        assertEquals("26.7.0", body.get("keycloakVersion"));
        assertEquals(DemoRealm.NAME, body.get("realm"));
        // Computed from the relocated nimbus classes: proves the shaded library loads inside Keycloak.
        assertEquals(List.of("RS256", "PS256"), body.get("consentLinkAlgorithms"));
    }

    @Test
    void unknownRealmIsNotFound() {
        HttpResponse<String> response = Http.get(realm.getBaseUrl() + "-does-not-exist/consent/info");

        assertEquals(404, response.statusCode());
    }

    @Test
    void unknownSubPathIsNotFound() {
        HttpResponse<String> response = Http.get(realm.getBaseUrl() + "/consent/no-such-thing");

        assertEquals(404, response.statusCode());
    }
}
