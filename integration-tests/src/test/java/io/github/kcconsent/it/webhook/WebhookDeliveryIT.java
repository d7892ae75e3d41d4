package io.github.kcconsent.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.FieldKeyProviders;
import io.github.kcconsent.it.support.StallingReceiver;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Webhook delivery under faults a partner's receiver or the bank's operations cause: a receiver that stalls
 * after its headers, one that hangs while another partner waits, one slower than the claim, webhooks switched
 * off and on, a key rotation with events still queued. Each test reads the outbox rows as stored.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class WebhookDeliveryIT {

    /** The test server's request-timeout-ms: the total deadline of one delivery. */
    static final long DELIVERY_DEADLINE_MILLIS = 3000;

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    WebhookReceiver receiver;
    StoreDriver store;
    String partnerId;
    String userId;

    @BeforeEach
    void setUp() {
        receiver = new WebhookReceiver();
        store = new StoreDriver(realm.getBaseUrl());
        partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        webhook(partnerId, WebhookReceiver.URL, true);
        userId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private void webhook(String clientInternalId, String url, boolean enabled) {
        ClientRepresentation client = realm.admin().clients().get(clientInternalId).toRepresentation();
        Map<String, String> attributes = new HashMap<>(client.getAttributes());
        attributes.put("kcconsent.webhook.url", url);
        attributes.put("kcconsent.webhook.enabled", String.valueOf(enabled));
        client.setAttributes(attributes);
        realm.admin().clients().get(clientInternalId).update(client);
    }

    private String approvedConsent(String clientInternalId) {
        String id = (String) store.create(Map.of("clientId", clientInternalId, "permissions", List.of("accounts"),
                "origin", "CONSENT_LINK", "sessionMetadata", "{\"user_session\":\"s-42\"}")).get("id");
        StoreDriver.Reply authorised = store.post("/consents/" + StoreDriver.encode(id) + "/authorise", Map.of(
                "userId", userId, "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", "Conta"))));
        assertEquals(200, authorised.status(), String.valueOf(authorised.body()));
        return id;
    }

    /** The outbox rows of this realm as stored (no payload). */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> outbox() {
        StoreDriver.Reply reply = store.get("/webhook-outbox");
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        return reply.list().stream().map(r -> (Map<String, Object>) r).toList();
    }

    private List<Map<String, Object>> outboxOf(String consentId) {
        return outbox().stream().filter(r -> consentId.equals(r.get("consentId"))).toList();
    }

    private Map<String, Object> onlyRowOf(String consentId) {
        List<Map<String, Object>> rows = outboxOf(consentId);
        assertEquals(1, rows.size(), "one outbox row for " + consentId + ": " + rows);
        return rows.get(0);
    }

    @Test
    void aReceiverThatStallsAfterItsHeadersIsDeliveredOnceAndHangsNothing() throws Exception {
        try (StallingReceiver stalling = new StallingReceiver()) {
            webhook(partnerId, StallingReceiver.URL, true);
            String first = approvedConsent(partnerId);

            // The 200 status line is the answer; the promised 100000-byte body is never waited for.
            long started = System.nanoTime();
            Eventually.await("the first event recorded as delivered", () -> "DELIVERED".equals(onlyRowOf(first).get("state")));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis < DELIVERY_DEADLINE_MILLIS, "delivered after " + tookMillis + " ms");

            // The dispatcher is free for the next event of the same partner.
            String second = approvedConsent(partnerId);
            Eventually.await("the second event recorded as delivered", () -> "DELIVERED".equals(onlyRowOf(second).get("state")));

            // Past the claim time (6 s in the test server): no other dispatcher took either event again.
            Thread.sleep(7000);
            String firstEvent = (String) onlyRowOf(first).get("id");
            String secondEvent = (String) onlyRowOf(second).get("id");
            assertEquals(1, stalling.eventIds().stream().filter(firstEvent::equals).count(), stalling.eventIds().toString());
            assertEquals(1, stalling.eventIds().stream().filter(secondEvent::equals).count(), stalling.eventIds().toString());
            assertEquals(1, ((Number) onlyRowOf(first).get("attempts")).intValue());
        }
    }

    @Test
    void aHangingPartnerDoesNotDelayAnotherPartner() throws Exception {
        receiver.mode(WebhookReceiver.Mode.HANG);
        ClientRepresentation other = new ClientRepresentation();
        other.setClientId("webhook-partner-b");
        other.setEnabled(true);
        other.setPublicClient(false);
        other.setAttributes(Map.of("kcconsent.webhook.url", "http://127.0.0.1:8596/hook", "kcconsent.webhook.enabled", "true"));
        String otherId;
        try (var created = realm.admin().clients().create(other)) {
            assertEquals(201, created.getStatus());
            String location = created.getLocation().getPath();
            otherId = location.substring(location.lastIndexOf('/') + 1);
        }
        try (WebhookReceiver otherReceiver = new WebhookReceiver(8596)) {
            // Partner A has far more events queued than it may have in flight, and its receiver never answers.
            List<String> stuck = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                stuck.add(approvedConsent(partnerId));
            }
            Eventually.await("partner A's deliveries in flight", () -> receiver.arrivals().size() >= 2);

            String otherConsent = approvedConsent(otherId);
            long started = System.nanoTime();
            Eventually.await("partner B's delivery", () -> !otherReceiver.receivedFor(otherConsent).isEmpty());
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis < 2000, "partner B waited " + tookMillis + " ms behind partner A's hanging receiver");
            Eventually.await("partner B's event recorded as delivered", () -> "DELIVERED".equals(onlyRowOf(otherConsent).get("state")));

            // Partner A's hanging attempts end at the delivery deadline (the receiver would hang 60 s) and stay queued.
            Eventually.await("a timed-out attempt of partner A recorded", () -> stuck.stream()
                    .map(this::onlyRowOf).anyMatch(r -> ((Number) r.get("attempts")).intValue() >= 1));
            for (String consent : stuck) {
                Map<String, Object> row = onlyRowOf(consent);
                assertEquals("PENDING", row.get("state"), row.toString());
            }
        } finally {
            receiver.release();
            realm.admin().clients().get(otherId).remove();
        }
    }

    @Test
    void aReceiverSlowerThanTheClaimGetsEachEventOnce() throws Exception {
        // Each answer takes 2.5 s; 12 events take longer than the 6 s claim of the test server.
        receiver.mode(WebhookReceiver.Mode.SLOW);
        Set<String> consents = new LinkedHashSet<>();
        for (int i = 0; i < 12; i++) {
            consents.add(approvedConsent(partnerId));
        }

        Eventually.await("every event delivered", () -> consents.stream().allMatch(c -> "DELIVERED".equals(onlyRowOf(c).get("state"))));
        Thread.sleep(WebhookReceiver.SLOW_MILLIS + 1000); // a duplicate, if claims were lost, would be answered by now

        Map<String, Long> perEvent = receiver.arrivals().stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Received::eventId, Collectors.counting()));
        for (String consent : consents) {
            Map<String, Object> row = onlyRowOf(consent);
            assertEquals(1L, perEvent.get((String) row.get("id")), "requests for the event of " + consent + ": " + perEvent);
            assertEquals(1, ((Number) row.get("attempts")).intValue(), row.toString());
        }
    }

    @Test
    void webhooksSwitchedOffAndOnKeepQueuedEventsPending() throws Exception {
        receiver.mode(WebhookReceiver.Mode.FAIL);
        String consentId = approvedConsent(partnerId);
        Eventually.await("a failed attempt", () -> ((Number) onlyRowOf(consentId).get("attempts")).intValue() >= 1);

        webhook(partnerId, WebhookReceiver.URL, false);
        Eventually.await("the dispatcher seeing webhooks off",
                () -> "webhooks disabled for the client".equals(onlyRowOf(consentId).get("lastError")));
        assertEquals("PENDING", onlyRowOf(consentId).get("state"), "switched off: the event waits, it is not failed");

        receiver.mode(WebhookReceiver.Mode.OK);
        webhook(partnerId, WebhookReceiver.URL, true);
        Eventually.await("delivered once switched on again", () -> "DELIVERED".equals(onlyRowOf(consentId).get("state")));
        String eventId = (String) onlyRowOf(consentId).get("id");
        List<WebhookReceiver.Received> ok = receiver.receivedFor(consentId).stream().filter(r -> r.answered() == 200).toList();
        assertEquals(1, ok.size());
        assertEquals(eventId, ok.get(0).eventId(), "the queued event, not a new one");
    }

    @Test
    void aHostThatDoesNotResolveIsRetriedUntilItDoes() throws Exception {
        // .invalid never resolves (RFC 6761); pointing the client back at the receiver stands for the partner's
        // DNS name resolving again.
        webhook(partnerId, "http://kcc-webhook-receiver.invalid:" + WebhookReceiver.PORT + "/hook", true);
        String consentId = approvedConsent(partnerId);
        Eventually.await("two attempts that could not resolve the host",
                () -> ((Number) onlyRowOf(consentId).get("attempts")).intValue() >= 2);
        Map<String, Object> row = onlyRowOf(consentId);
        assertEquals("PENDING", row.get("state"), "a host that does not resolve is retried, not failed: " + row);
        assertEquals("URL refused: the host does not resolve", row.get("lastError"));

        webhook(partnerId, WebhookReceiver.URL, true);
        Eventually.await("delivered once the host resolves", () -> "DELIVERED".equals(onlyRowOf(consentId).get("state")));
        List<WebhookReceiver.Received> got = receiver.receivedFor(consentId);
        assertEquals(1, got.size());
        assertEquals(row.get("id"), got.get(0).eventId(), "the same event");
    }

    @Test
    void pendingEventsAreReencryptedAndDeliveredAfterTheOldKeyIsDisabled() throws Exception {
        receiver.mode(WebhookReceiver.Mode.FAIL);
        List<String> consents = List.of(approvedConsent(partnerId), approvedConsent(partnerId));
        Eventually.await("both events attempted and pending", () -> consents.stream().map(this::onlyRowOf)
                .allMatch(r -> ((Number) r.get("attempts")).intValue() >= 1 && "PENDING".equals(r.get("state"))));
        String oldKey = (String) onlyRowOf(consents.get(0)).get("payloadKeyId");
        assertEquals(oldKey, onlyRowOf(consents.get(0)).get("keyId"), "the row records its payload's key id");

        List<ComponentRepresentation> oldComponents = FieldKeyProviders.of(realm);
        assertFalse(oldComponents.isEmpty(), "the realm was provisioned with field keys");
        FieldKeyProviders.add(realm, "rotated-webhooks", 500); // stays: rows are written under it from now on // stays: rows are written under it from now on
        try {
            // The scheduled outbox re-encryption (every 2 s in the test server) moves pending rows to the new key.
            Eventually.await("pending rows under the new key", () -> consents.stream().map(this::onlyRowOf)
                    .allMatch(r -> !oldKey.equals(r.get("payloadKeyId")) && r.get("payloadKeyId").equals(r.get("keyId"))));
            assertEquals(200, store.post("/reencrypt", Map.of()).status()); // the consents themselves, too
            for (ComponentRepresentation c : oldComponents) {
                FieldKeyProviders.setEnabled(realm, c, false);
            }

            receiver.mode(WebhookReceiver.Mode.OK);
            for (String consent : consents) {
                Eventually.await("delivered after the old key is disabled", () -> "DELIVERED".equals(onlyRowOf(consent).get("state")));
                WebhookReceiver.Received ok = receiver.receivedFor(consent).stream().filter(r -> r.answered() == 200)
                        .findFirst().orElseThrow();
                assertEquals(onlyRowOf(consent).get("id"), ok.eventId());
                assertTrue(WebhookReceiver.PayloadPeek.payload(ok.body()).contains("\"consentId\":\"" + consent + "\""));
            }
            assertNotEquals(oldKey, onlyRowOf(consents.get(1)).get("keyId"));
        } finally {
            for (ComponentRepresentation c : oldComponents) {
                FieldKeyProviders.setEnabled(realm, c, true);
            }
        }
    }

}
