package io.github.kcconsent.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.StaffTokens;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * Webhooks against a local receiver: signed with the realm key and verifiable with the realm's JWKS,
 * retried until the receiver is back, delivered once per attempt by two competing dispatchers, and never in
 * the way of the user's approval.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class WebhookIT {

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
        ClientRepresentation partner = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0);
        partnerId = partner.getId();
        Map<String, String> attributes = new HashMap<>(partner.getAttributes());
        attributes.put("kcconsent.webhook.url", WebhookReceiver.URL);
        attributes.put("kcconsent.webhook.enabled", "true");
        partner.setAttributes(attributes);
        realm.admin().clients().get(partnerId).update(partner);
        userId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private String approvedConsent() {
        String id = (String) store.create(Map.of("clientId", partnerId, "permissions", List.of("accounts"),
                "origin", "CONSENT_LINK", "sessionMetadata", "{\"user_session\":\"s-42\"}")).get("id");
        StoreDriver.Reply authorised = store.post("/consents/" + StoreDriver.encode(id) + "/authorise", Map.of(
                "userId", userId, "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", "Conta"))));
        assertEquals(200, authorised.status(), String.valueOf(authorised.body()));
        return id;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deliveries(String token, String consentId) {
        var response = Http.get(realm.getBaseUrl().replace("/realms/", "/admin/realms/") + "/consents/"
                + StoreDriver.encode(consentId), "Authorization", "Bearer " + token);
        assertEquals(200, response.statusCode(), response.body());
        try {
            return (List<Map<String, Object>>) JsonSerialization.readValue(response.body(), Map.class).get("webhookDeliveries");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void approvalIsDeliveredSignedAndVerifiableWithTheRealmJwks() throws Exception {
        String consentId = approvedConsent();

        Eventually.await("the consent_requested delivery", () -> !receiver.receivedFor(consentId).isEmpty());

        WebhookReceiver.Received delivery = receiver.receivedFor(consentId).get(0);
        assertEquals("consent_requested", delivery.eventType());
        assertEquals("application/jose", delivery.contentType());
        JWSObject jws = JWSObject.parse(delivery.body());
        JWKSet jwks = JWKSet.parse(Http.get(realm.getBaseUrl() + "/protocol/openid-connect/certs").body());
        RSAKey key = jwks.getKeyByKeyId(jws.getHeader().getKeyID()).toRSAKey();
        assertTrue(jws.verify(new RSASSAVerifier(key)), "signed with the realm's published key");
        Map<String, Object> payload = jws.getPayload().toJSONObject();
        assertEquals(delivery.eventId(), payload.get("id"));
        assertEquals(consentId, payload.get("consentId"));
        assertEquals("demo-partner", payload.get("clientId"));
        assertEquals("AUTHORISED", payload.get("status"));
        assertEquals(Map.of("user_session", "s-42"), payload.get("sessionMetadata"));
        assertEquals(List.of("acc-0001"), payload.get("resourceIds"));
        // The event's signed receipt rides along: verifiable on its own, and the very receipt the back office keeps.
        JWSObject receipt = JWSObject.parse((String) payload.get("receipt"));
        assertTrue(receipt.verify(new RSASSAVerifier(jwks.getKeyByKeyId(receipt.getHeader().getKeyID()).toRSAKey())));
        assertEquals("GRANTED", receipt.getPayload().toJSONObject().get("event"));

        String staff = StaffTokens.withRoles(realm, "view-consents");
        var receipts = Http.get(realm.getBaseUrl().replace("/realms/", "/admin/realms/") + "/consents/"
                + StoreDriver.encode(consentId) + "/receipts", "Authorization", "Bearer " + staff);
        assertEquals(200, receipts.statusCode(), receipts.body());
        List<?> kept = (List<?>) JsonSerialization.readValue(receipts.body(), Map.class).get("receipts");
        assertEquals(1, kept.size(), "the outbox and the receipts' listener made one receipt, not two: " + kept);
        assertEquals(payload.get("receipt"), ((Map<?, ?>) kept.get(0)).get("receipt"));
        Eventually.await("the delivery recorded", () -> deliveries(staff, consentId).stream().anyMatch(d -> "DELIVERED".equals(d.get("state"))));

        // Revocation sends its own event.
        store.post("/consents/" + StoreDriver.encode(consentId) + "/reject", Map.of("rejectedBy", "USER", "reason", "CUSTOMER_MANUALLY_REVOKED"));
        Eventually.await("the consent_revoked delivery", () -> receiver.receivedFor(consentId).stream().anyMatch(r -> "consent_revoked".equals(r.eventType())));
    }

    @Test
    void receiverDownThenBackIsDeliveredWithTheSameEventId() throws Exception {
        receiver.mode(WebhookReceiver.Mode.FAIL);
        String consentId = approvedConsent();
        String staff = StaffTokens.withRoles(realm, "manage-consents");

        Eventually.await("two failed attempts", () -> receiver.receivedFor(consentId).size() >= 2);
        Map<String, Object> pending = deliveries(staff, consentId).get(0);
        assertEquals("PENDING", pending.get("state"));
        assertEquals(500, ((Number) pending.get("lastStatus")).intValue());

        receiver.mode(WebhookReceiver.Mode.OK);
        Eventually.await("delivery after the receiver is back", () -> receiver.receivedFor(consentId).stream().anyMatch(r -> r.answered() == 200));
        Eventually.await("recorded as delivered", () -> "DELIVERED".equals(deliveries(staff, consentId).get(0).get("state")));

        List<WebhookReceiver.Received> attempts = receiver.receivedFor(consentId);
        assertEquals(1, attempts.stream().map(WebhookReceiver.Received::eventId).distinct().count(), "same event id on retries");
        assertEquals(1, attempts.stream().filter(r -> r.answered() == 200).count(), "delivered once");
        assertTrue(((Number) deliveries(staff, consentId).get(0).get("attempts")).intValue() >= 3);

        // An admin can ask for it again: same event id, delivered once more.
        String eventId = (String) deliveries(staff, consentId).get(0).get("eventId");
        var redeliver = Http.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl().replace("/realms/", "/admin/realms/")
                        + "/consents/" + StoreDriver.encode(consentId) + "/webhooks/" + eventId + "/redeliver"))
                .header("Authorization", "Bearer " + staff).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(202, redeliver.statusCode(), redeliver.body());
        Eventually.await("redelivery", () -> receiver.receivedFor(consentId).stream().filter(r -> r.answered() == 200).count() == 2);
    }

    @Test
    void twoDispatchersDeliverEachEventOncePerAttempt() throws Exception {
        Set<String> consents = new HashSet<>();
        for (int i = 0; i < 15; i++) {
            consents.add(approvedConsent());
        }

        Eventually.await("all deliveries", () -> consents.stream().allMatch(c -> !receiver.receivedFor(c).isEmpty()));
        Thread.sleep(1500); // give a duplicate, if the claims were broken, the chance to show up

        Map<String, Long> perEvent = receiver.received().stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Received::eventId, Collectors.counting()));
        for (String consent : consents) {
            List<WebhookReceiver.Received> got = receiver.receivedFor(consent);
            assertEquals(1, got.size(), "exactly one delivery for " + consent);
            assertEquals(1L, perEvent.get(got.get(0).eventId()));
        }
    }

    @Test
    void aHangingReceiverDoesNotDelayTheUsersApproval() throws Exception {
        receiver.mode(WebhookReceiver.Mode.HANG);
        try {
            PartnerLinks partner = new PartnerLinks(realm.getBaseUrl());
            String origin = realm.getBaseUrl().replaceAll("/realms/.*", "");
            // A rejected consent's event, so the receiver is already stuck on a request when the user decides
            // (rejected, not approved: an approved consent of this user would change what the link shows).
            String stuck = (String) store.create(Map.of("clientId", partnerId, "permissions", List.of("accounts"),
                    "origin", "CONSENT_LINK")).get("id");
            assertEquals(200, store.post("/consents/" + StoreDriver.encode(stuck) + "/reject",
                    Map.of("rejectedBy", "USER", "reason", "CUSTOMER_MANUALLY_REJECTED")).status());
            Eventually.await("a delivery in flight at the hanging receiver", () -> !receiver.arrivalsFor(stuck).isEmpty());

            BrowserSession browser = new BrowserSession(origin).open(partner.link(partner.sign(partner.validClaims().build())));
            browser.login(DemoRealm.USER, DemoRealm.USER_PASSWORD);
            assertTrue(browser.showsForm("kcconsent-form"), "consent screen after login:\n" + browser.page.body());
            long started = System.nanoTime();
            browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0001")));
            browser.submit("kcconsent-result", Map.of("decision", List.of("continue")));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            Map<String, List<String>> callback = browser.callbackParams();
            assertEquals(List.of("approved"), callback.get("consent_result"));
            String approved = callback.get("consent_id").get(0);
            // A delivery is bounded by request-timeout-ms (3000 in the test server); an approval that waited for
            // its webhook would take at least that long.
            assertTrue(tookMillis < 1500, "approval to callback took " + tookMillis + " ms while a webhook hangs");
            assertTrue(receiver.received().isEmpty(), "no webhook has been answered yet");
            // The approval's own event goes out (and hangs too), after the user has left.
            Eventually.await("the approval's event in flight", () -> !receiver.arrivalsFor(approved).isEmpty());

            // The hanging attempt runs into the delivery deadline and is retried: the same event id again.
            Eventually.await("a second attempt of the stuck event", () -> receiver.arrivalsFor(stuck).size() >= 2);
            List<WebhookReceiver.Received> attempts = receiver.arrivalsFor(stuck);
            assertEquals(1, attempts.stream().map(WebhookReceiver.Received::eventId).distinct().count(),
                    "every attempt carries the same event id: " + attempts);
        } finally {
            receiver.release();
        }
    }

    @Test
    void rejectingBeforeAuthorisationSendsConsentRejected() throws Exception {
        String consentId = (String) store.create(Map.of("clientId", partnerId, "permissions", List.of("accounts"),
                "origin", "CONSENT_LINK")).get("id");
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(consentId) + "/reject",
                Map.of("rejectedBy", "USER", "reason", "CUSTOMER_MANUALLY_REJECTED")).status());

        Eventually.await("the consent_rejected delivery", () -> !receiver.receivedFor(consentId).isEmpty());
        List<WebhookReceiver.Received> got = receiver.receivedFor(consentId);
        assertEquals(1, got.size(), "one event for one change");
        assertEquals("consent_rejected", got.get(0).eventType());
        Map<String, Object> payload = JWSObject.parse(got.get(0).body()).getPayload().toJSONObject();
        assertEquals("consent_rejected", payload.get("type"));
        assertEquals("REJECTED", payload.get("status"));
        assertEquals("USER", payload.get("rejectedBy"));
        assertEquals("CUSTOMER_MANUALLY_REJECTED", payload.get("reason"));
    }

    @Test
    void consumingAPaymentConsentSendsConsentConsumed() throws Exception {
        String consentId = (String) store.create(Map.of("clientId", partnerId, "type", "PAYMENT",
                "permissions", List.of("PAYMENTS_INITIATE"), "paymentDetails", "{\"amount\":\"10.00\"}")).get("id");
        StoreDriver.Reply authorised = store.post("/consents/" + StoreDriver.encode(consentId) + "/authorise", Map.of(
                "userId", userId, "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", "Conta"))));
        assertEquals(200, authorised.status(), String.valueOf(authorised.body()));
        StoreDriver.Reply consumed = store.post("/consents/" + StoreDriver.encode(consentId) + "/consume", Map.of());
        assertEquals(200, consumed.status(), String.valueOf(consumed.body()));

        Eventually.await("the consent_consumed delivery",
                () -> receiver.receivedFor(consentId).stream().anyMatch(r -> "consent_consumed".equals(r.eventType())));
        List<String> types = receiver.receivedFor(consentId).stream().map(WebhookReceiver.Received::eventType).toList();
        assertEquals(List.of("consent_consumed", "consent_requested"), types.stream().sorted().toList(),
                "one event per change: " + types);
        WebhookReceiver.Received event = receiver.receivedFor(consentId).stream()
                .filter(r -> "consent_consumed".equals(r.eventType())).findFirst().orElseThrow();
        Map<String, Object> payload = JWSObject.parse(event.body()).getPayload().toJSONObject();
        assertEquals("consent_consumed", payload.get("type"));
        assertEquals("CONSUMED", payload.get("status"));
        assertEquals("PAYMENT", payload.get("consentType"));
    }
}
