package io.github.kcconsent.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * Second half: on the restarted server (same database) the event whose attempt was in flight at the stop is
 * sent again at once, not after its ten-minute claim, because the stopping node released it; the cut-short
 * attempt is not counted, and the redelivery carries the same event id.
 */
@KeycloakIntegrationTest(config = RestartedConsentServerConfig.class)
class WebhookShutdownStep2IT {

    @InjectAdminClient
    Keycloak admin;

    @Test
    void aGracefulStopReleasesItsClaims() throws Exception {
        assertTrue(admin.realms().findAll().stream().anyMatch(r -> WebhookShutdownStep1IT.REALM.equals(r.getRealm())),
                "WebhookShutdownStep1IT runs first, on the server before the restart");
        WebhookReceiver receiver = WebhookShutdownStep1IT.RECEIVER;
        try {
            String id = admin.realm(WebhookShutdownStep1IT.REALM).toRepresentation().getAttributes()
                    .get(WebhookShutdownStep1IT.CONSENT_ATTRIBUTE);
            assertTrue(receiver.arrivalsFor(id).size() >= 1, "an attempt was in flight at the stop");
            StoreDriver store = new StoreDriver(RestartSupport.realmUrl(WebhookShutdownStep1IT.REALM));

            // Well within the ten-minute claim: only a released claim lets the new server send it now.
            Eventually.await("the event delivered after the restart", () -> "DELIVERED".equals(row(store).get("state")));
            Map<String, Object> row = row(store);
            assertEquals(1, ((Number) row.get("attempts")).intValue(), "the attempt cut short by the stop is not counted");
            List<WebhookReceiver.Received> arrivals = receiver.arrivalsFor(id);
            assertEquals(2, arrivals.size(), "the in-flight attempt and the redelivery: " + arrivals);
            assertTrue(arrivals.stream().allMatch(a -> row.get("id").equals(a.eventId())), "the same event id both times");
        } finally {
            receiver.close();
            admin.realm(WebhookShutdownStep1IT.REALM).remove();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(StoreDriver store) {
        List<Object> rows = store.get("/webhook-outbox").list();
        assertEquals(1, rows.size(), rows.toString());
        return (Map<String, Object>) rows.get(0);
    }
}
