package io.github.kcconsent.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import io.github.kcconsent.it.support.ConsentServerConfigWithHangingDeliveries;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.RestartSupport;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * First half of "a graceful stop leaves no claim behind": leaves a webhook attempt in flight (the receiver
 * hangs, the deadline is two minutes, the claim ten) when the framework stops this server for the next one.
 */
@KeycloakIntegrationTest(config = ConsentServerConfigWithHangingDeliveries.class)
class WebhookShutdownStep1IT {

    static final String REALM = "kcc-webhook-shutdown";
    static final String CONSENT_ATTRIBUTE = "kcc.test.shutdown.consentId";
    static final int PORT = 8595;
    /** Stays open across the restart: it holds the in-flight request, then answers the redelivery. */
    static final WebhookReceiver RECEIVER = new WebhookReceiver(PORT);

    @InjectAdminClient
    Keycloak admin;

    @Test
    void leaveAnAttemptInFlight() throws Exception {
        String clientId = RestartSupport.freshRealmWithPartner(admin, REALM, "shutdown-partner",
                "http://127.0.0.1:" + PORT + "/hook");

        RECEIVER.mode(WebhookReceiver.Mode.HANG);
        StoreDriver store = new StoreDriver(RestartSupport.realmUrl(REALM));
        String id = (String) store.create(Map.of("clientId", clientId, "permissions", List.of("ACCOUNTS_READ"))).get("id");
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(id) + "/authorise",
                Map.of("userId", "shutdown-user", "resources", List.of())).status());
        RestartSupport.remember(admin, REALM, Map.of(CONSENT_ATTRIBUTE, id));

        Eventually.await("the attempt in flight", () -> !RECEIVER.arrivalsFor(id).isEmpty());
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) store.get("/webhook-outbox").list().get(0);
        assertEquals("PENDING", row.get("state"));
        assertEquals(0, ((Number) row.get("attempts")).intValue(), "still the first attempt, in flight");
        // The request in flight keeps hanging; the next one (after the restart) is answered at once.
        RECEIVER.mode(WebhookReceiver.Mode.OK);
        // The server stops now, with this attempt in flight and its claim valid for ten minutes.
    }
}
