package io.github.kcconsent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
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

        String staff = StaffTokens.withRoles(realm, "view-consents");
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
        Set<String> consents = new java.util.HashSet<>();
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
            // A first approval so the receiver is already stuck on a request when the user decides.
            approvedConsent();
            BrowserSession browser = new BrowserSession(origin).open(partner.link(partner.sign(partner.validClaims().build())));
            browser.login(DemoRealm.USER, DemoRealm.USER_PASSWORD);
            if (browser.showsForm("kcconsent-form")) {
                browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0001")));
            }
            browser.submit("kcconsent-result", Map.of("decision", List.of("continue")));

            // The user reached the partner while every webhook request is still hanging.
            assertFalse(browser.callbackParams().isEmpty());
            assertTrue(receiver.received().isEmpty(), "no webhook has been answered yet");
        } finally {
            receiver.release();
        }
    }
}
