package io.github.kcconsent.it.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.RestartSupport;
import io.github.kcconsent.it.support.RestartedConsentServerConfig;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.WebhookReceiver;
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
        // A missing realm is what a database lost across the restart looks like: fail, never skip. (This half
        // runs after RestartStep1CreateIT in the same suite, as the README's test command and .ci/run do.)
        boolean step1Ran = admin.realms().findAll().stream().anyMatch(r -> RestartStep1CreateIT.REALM.equals(r.getRealm()));
        assertTrue(step1Ran, "realm " + RestartStep1CreateIT.REALM + " written before the restart is gone (lost database, "
                + "or RestartStep1CreateIT did not run first in this suite)");
        try {
            Map<String, String> attributes = admin.realm(RestartStep1CreateIT.REALM).toRepresentation().getAttributes();
            String id = attributes.get(RestartStep1CreateIT.CONSENT_ATTRIBUTE);
            assertNotNull(id, "step 1 recorded its consent id");
            StoreDriver store = new StoreDriver(RestartSupport.realmUrl(RestartStep1CreateIT.REALM));

            // The server answering now started after the one step 1 wrote through: a restart happened.
            long before = Long.parseLong(attributes.get(RestartStep1CreateIT.SERVER_STARTED_ATTRIBUTE));
            long now = RestartStep1CreateIT.serverStartedAt(store);
            assertTrue(now > before, "Keycloak restarted between the two steps (started at " + before + ", now " + now + ")");

            Map<String, Object> read = store.consent(id);

            assertEquals("AUTHORISED", read.get("status"));
            assertEquals(RestartStep1CreateIT.CPF, read.get("cpf"), "decrypts with the realm's persisted keys");
            assertEquals(RestartStep1CreateIT.METADATA, read.get("sessionMetadata"));
            assertEquals(List.of(id), store.get("/by-document?kind=CPF&value=" + RestartStep1CreateIT.CPF).list());

            // The webhook event written before the restart (receiver down then) is delivered now. The wait ends on
            // the server's own record (its outbox row DELIVERED), not on the first arrival: no dispatcher sends a
            // delivered event again, and the receiver records a request before it answers, so what it holds then
            // is final and "once" is checked, not sampled.
            try (WebhookReceiver receiver = new WebhookReceiver(WebhookReceiver.RESTART_PORT)) {
                Eventually.await("the pending event's delivery after the restart",
                        () -> "DELIVERED".equals(outboxRow(store, id).get("state")));
                Map<String, Object> row = outboxRow(store, id);
                List<WebhookReceiver.Received> delivered = receiver.receivedFor(id);
                assertEquals(1, delivered.size(), "the pending event was delivered once after the restart: " + delivered);
                assertEquals("consent_requested", delivered.get(0).eventType());
                assertEquals(row.get("id"), delivered.get(0).eventId(), "the event written before the restart");
                assertEquals(200, delivered.get(0).answered());
            }
        } finally {
            admin.realm(RestartStep1CreateIT.REALM).remove();
        }
    }

    /** The one outbox row of the consent (the realm holds only step 1's consent, authorised once). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> outboxRow(StoreDriver store, String consentId) {
        List<Object> rows = store.get("/webhook-outbox").list().stream()
                .filter(r -> consentId.equals(((Map<String, Object>) r).get("consentId"))).toList();
        assertEquals(1, rows.size(), rows.toString());
        return (Map<String, Object>) rows.get(0);
    }
}
