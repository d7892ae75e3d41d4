package io.github.kcconsent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** Second half: runs on a freshly restarted server over the same database and reads the consent back. */
@KeycloakIntegrationTest(config = RestartedConsentServerConfig.class)
class RestartStep2ReadIT {

    @InjectAdminClient
    Keycloak admin;

    @Test
    void consentSurvivesRestart() throws Exception {
        boolean step1Ran = admin.realms().findAll().stream().anyMatch(r -> RestartStep1CreateIT.REALM.equals(r.getRealm()));
        assumeTrue(step1Ran, "runs after RestartStep1CreateIT in the same suite");
        try {
            String id = admin.realm(RestartStep1CreateIT.REALM).toRepresentation().getAttributes()
                    .get(RestartStep1CreateIT.CONSENT_ATTRIBUTE);
            StoreDriver store = new StoreDriver(RestartSupport.realmUrl(RestartStep1CreateIT.REALM));

            Map<String, Object> read = store.consent(id);

            assertEquals("AUTHORISED", read.get("status"));
            assertEquals(RestartStep1CreateIT.CPF, read.get("cpf"), "decrypts with the realm's persisted keys");
            assertEquals(RestartStep1CreateIT.METADATA, read.get("sessionMetadata"));
            assertEquals(List.of(id), store.get("/by-document?kind=CPF&value=" + RestartStep1CreateIT.CPF).list());

            // The webhook event written before the restart (receiver down then) is delivered now.
            try (WebhookReceiver receiver = new WebhookReceiver(WebhookReceiver.RESTART_PORT)) {
                java.time.Instant deadline = java.time.Instant.now().plusSeconds(40);
                while (receiver.receivedFor(id).isEmpty() && java.time.Instant.now().isBefore(deadline)) {
                    Thread.sleep(100);
                }
                assertEquals(1, receiver.receivedFor(id).size(), "the pending event was delivered once after the restart");
                assertEquals("consent_requested", receiver.receivedFor(id).get(0).eventType());
            }
        } finally {
            admin.realm(RestartStep1CreateIT.REALM).remove();
        }
    }
}
