package io.github.kcconsent.it.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.WebhookReceiver;
import io.github.kcconsent.it.support.WebhookReceiver.OpenFinanceRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * The Open Finance payment-consent webhook against a local receiver: one {@code POST} per status change of an
 * Open Finance payment consent at {@code <base>/open-banking/webhook/v1/payments/v4/consents/{consentId}}, the
 * body exactly {@code {"data":{"timestamp":…}}} with the times of the consent's history, nothing for a
 * data-sharing consent of the same client, the signed events unchanged beside it, and a base URI the settings
 * refuse is never saved.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class PaymentConsentWebhookIT {

    private static final String BASE_URI = "kcconsent.webhook.openFinanceBaseUri";
    private static final String PATH = "/ofb/open-banking/webhook/v1/payments/v4/consents/";
    private static final String PAYMENT_DETAILS = """
            {"loggedUser":{"document":{"identification":"52998224725","rel":"CPF"}},
             "creditor":{"personType":"PESSOA_JURIDICA","cpfCnpj":"58764789000137","name":"Padaria Sao Joao Ltda."},
             "payment":{"type":"PIX","date":"2026-03-01","currency":"BRL","amount":"100.12",
               "details":{"localInstrument":"DICT","proxy":"12345678901",
                 "creditorAccount":{"ispb":"12345678","issuer":"1774","number":"1234567890","accountType":"CACC"}}}}
            """;

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    WebhookReceiver receiver;
    StoreDriver store;
    String initiatorId;
    String userId;

    @BeforeEach
    void setUp() {
        receiver = new WebhookReceiver();
        store = new StoreDriver(realm.getBaseUrl());
        userId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        // A payment initiator of its own, so no other test's consents or settings meet these notifications; it has
        // the signed events on too, which must go on exactly as before.
        ClientRepresentation c = new ClientRepresentation();
        c.setClientId("payment-initiator-" + UUID.randomUUID().toString().substring(0, 8));
        c.setProtocol("openid-connect");
        c.setEnabled(true);
        c.setPublicClient(false);
        c.setAttributes(new HashMap<>(Map.of(
                "kcconsent.webhook.enabled", "true",
                "kcconsent.webhook.url", WebhookReceiver.URL,
                BASE_URI, WebhookReceiver.OPEN_FINANCE_BASE_URI)));
        try (Response created = realm.admin().clients().create(c)) {
            assertEquals(201, created.getStatus());
        }
        initiatorId = realm.admin().clients().findByClientId(c.getClientId()).get(0).getId();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        realm.admin().clients().get(initiatorId).remove();
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private String paymentConsent() {
        return (String) store.create(Map.of("clientId", initiatorId, "type", "PAYMENT", "origin", "OPEN_FINANCE_API",
                "permissions", List.of("PAYMENTS_INITIATE"), "cpf", DemoRealm.USER_CPF,
                "paymentDetails", PAYMENT_DETAILS)).get("id");
    }

    private void ok(StoreDriver.Reply reply) {
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
    }

    private void authorise(String consentId) {
        ok(store.post("/consents/" + StoreDriver.encode(consentId) + "/authorise", Map.of(
                "userId", userId, "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", "Conta")))));
    }

    /**
     * The consent's history as status reached → time of that change in the API's date format (RFC 3339 UTC,
     * whole seconds). A consent reaches each status at most once.
     */
    @SuppressWarnings("unchecked")
    private Map<String, String> historyTimes(String consentId) {
        StoreDriver.Reply reply = store.get("/consents/" + StoreDriver.encode(consentId) + "/history");
        ok(reply);
        Map<String, String> times = new HashMap<>();
        for (Object e : reply.list()) {
            Map<String, Object> entry = (Map<String, Object>) e;
            String at = Instant.parse((String) entry.get("at")).truncatedTo(ChronoUnit.SECONDS).toString();
            assertEquals(null, times.put((String) entry.get("to"), at), "reached twice: " + reply.list());
        }
        return times;
    }

    /** The status a change of this event type reached. */
    private static String statusReachedBy(String eventType) {
        return switch (eventType) {
            case "consent_created" -> "AWAITING_AUTHORISATION";
            case "consent_requested" -> "AUTHORISED";
            case "consent_consumed" -> "CONSUMED";
            case "consent_rejected", "consent_revoked", "consent_expired" -> "REJECTED";
            default -> throw new AssertionError("unexpected event type " + eventType);
        };
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> outboxOf(String consentId) {
        StoreDriver.Reply reply = store.get("/webhook-outbox");
        ok(reply);
        return reply.list().stream().map(r -> (Map<String, Object>) r).filter(r -> consentId.equals(r.get("consentId"))).toList();
    }

    private List<Map<String, Object>> notificationRows(String consentId) {
        return outboxOf(consentId).stream().filter(r -> "OPEN_FINANCE_PAYMENT_CONSENT".equals(r.get("kind"))).toList();
    }

    private boolean allDelivered(List<Map<String, Object>> rows, int expected) {
        return rows.size() == expected && rows.stream().allMatch(r -> "DELIVERED".equals(r.get("state")));
    }

    private List<OpenFinanceRequest> notificationsOf(String consentId) {
        return receiver.openFinance().stream().filter(r -> r.path().endsWith("/" + consentId)).toList();
    }

    /**
     * Waits until the outbox has recorded all {@code changes} notifications as delivered (a delivered event is
     * never sent again), then checks what the receiver got: exactly one POST per change, at the exact path, with
     * exactly the body of the webhook API and, in it, the history's time of that very change (the interaction
     * id is the outbox event's id, whose type names the change).
     */
    private void assertNotifiedOncePerChange(String consentId, int changes) throws Exception {
        Eventually.await(changes + " notifications delivered", () -> allDelivered(notificationRows(consentId), changes));

        List<OpenFinanceRequest> got = notificationsOf(consentId);
        assertEquals(changes, got.size(), "one POST per status change: " + got);
        Map<String, String> history = historyTimes(consentId);
        assertEquals(changes, history.size(), "history: " + history);
        Map<String, String> typeOfEvent = new HashMap<>();
        notificationRows(consentId).forEach(row -> typeOfEvent.put((String) row.get("id"), (String) row.get("type")));
        List<String> reached = new ArrayList<>();
        for (OpenFinanceRequest r : got) {
            assertEquals("POST", r.method());
            assertEquals(PATH + consentId, r.path());
            assertEquals("application/json", r.contentType());
            assertEquals(202, r.answered());
            @SuppressWarnings("unchecked")
            Map<String, Object> body = JsonSerialization.readValue(r.body(), Map.class);
            assertEquals(List.of("data"), List.copyOf(body.keySet()), r.body());
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) body.get("data");
            assertEquals(List.of("timestamp"), List.copyOf(data.keySet()), r.body());
            String timestamp = (String) data.get("timestamp");
            assertEquals("{\"data\":{\"timestamp\":\"" + timestamp + "\"}}", r.body(), "exactly the webhook API's body");
            assertFalse(r.body().contains(DemoRealm.USER_CPF), "no personal data");
            String type = typeOfEvent.get(r.interactionId());
            assertTrue(type != null, "the interaction id is an outbox event of this consent: " + r);
            String status = statusReachedBy(type);
            assertEquals(history.get(status), timestamp, "the time " + consentId + " became " + status);
            reached.add(status);
        }
        // Every change once (two dispatchers may deliver them in any order).
        assertEquals(history.keySet().stream().sorted().toList(), reached.stream().sorted().toList());
    }

    private List<String> signedEventTypes(String consentId) {
        return receiver.receivedFor(consentId).stream().map(WebhookReceiver.Received::eventType).sorted().toList();
    }

    // ---- tests -------------------------------------------------------------------------------------------

    @Test
    void aPaymentConsentIsNotifiedAtItsCreationAuthorisationAndConsumption() throws Exception {
        String consentId = paymentConsent();
        authorise(consentId);
        ok(store.post("/consents/" + StoreDriver.encode(consentId) + "/consume", Map.of()));

        assertNotifiedOncePerChange(consentId, 3);

        // The signed events to the webhook URL are as before: none for the creation, one per decision.
        Eventually.await("the signed events", () -> allDelivered(
                outboxOf(consentId).stream().filter(r -> !"OPEN_FINANCE_PAYMENT_CONSENT".equals(r.get("kind"))).toList(), 2));
        assertEquals(List.of("consent_consumed", "consent_requested"), signedEventTypes(consentId));
        assertEquals(List.of("consent_consumed", "consent_created", "consent_requested"),
                notificationRows(consentId).stream().map(r -> (String) r.get("type")).sorted().toList());
    }

    @Test
    void aPaymentConsentIsNotifiedWhenTheCustomerRejectsIt() throws Exception {
        String consentId = paymentConsent();
        ok(store.post("/consents/" + StoreDriver.encode(consentId) + "/reject",
                Map.of("rejectedBy", "USER", "reason", "REJEITADO_USUARIO")));

        assertNotifiedOncePerChange(consentId, 2);
    }

    @Test
    void aPaymentConsentIsNotifiedWhenItsAuthorisationWindowRunsOut() throws Exception {
        RealmRepresentation rep = realm.admin().toRepresentation();
        Map<String, String> attributes = new HashMap<>(rep.getAttributesOrEmpty());
        String window = attributes.get("kcconsent.authorisationWindow.PAYMENT");
        attributes.put("kcconsent.authorisationWindow.PAYMENT", "2");
        rep.setAttributes(attributes);
        realm.admin().update(rep);
        String consentId;
        try {
            consentId = paymentConsent();
        } finally {
            if (window == null) {
                attributes.remove("kcconsent.authorisationWindow.PAYMENT");
            } else {
                attributes.put("kcconsent.authorisationWindow.PAYMENT", window);
            }
            rep.setAttributes(attributes);
            realm.admin().update(rep);
        }

        // The sweeper (every 2 s in the test server) expires it.
        Eventually.await("the expiry", () -> "TEMPO_EXPIRADO_AUTORIZACAO".equals(
                store.get("/consents/" + StoreDriver.encode(consentId) + "/stored").map().get("rejectionReason")));

        assertNotifiedOncePerChange(consentId, 2);
        assertTrue(notificationRows(consentId).stream().anyMatch(r -> "consent_expired".equals(r.get("type"))));
    }

    @Test
    void aDataSharingConsentOfTheSameClientIsNotNotified() throws Exception {
        String consentId = (String) store.create(Map.of("clientId", initiatorId, "origin", "OPEN_FINANCE_API",
                "permissions", List.of("ACCOUNTS_READ"), "cpf", DemoRealm.USER_CPF)).get("id");
        authorise(consentId);
        ok(store.post("/consents/" + StoreDriver.encode(consentId) + "/reject",
                Map.of("rejectedBy", "USER", "reason", "CUSTOMER_MANUALLY_REVOKED")));

        // Its signed events went out, so the dispatchers have passed over everything of this consent.
        Eventually.await("the signed events", () -> allDelivered(outboxOf(consentId), 2));
        assertEquals(List.of("consent_requested", "consent_revoked"), signedEventTypes(consentId));
        assertEquals(List.of(), notificationRows(consentId));
        assertEquals(List.of(), receiver.openFinance(), "no Open Finance notification at all");
    }

    @Test
    void anInvalidOpenFinanceWebhookBaseUriIsRefusedAndNothingIsSaved() throws Exception {
        // The test server runs with allow-http (the receiver is plain http), so http:// is accepted here; the unit
        // tests cover it refused without that option.
        for (String bad : List.of("https://tpp.example/webhooks?x=1", "ftp://tpp.example", "https://u:p@tpp.example",
                "https://tpp.example/webhooks#f", "not a url")) {
            try (Response response = realm.admin().clients().get(initiatorId).getProtocolMappers()
                    .createMapper(settingsMapper(null, Map.of("kcconsent.webhook.enabled", "true", BASE_URI, bad)))) {
                assertEquals(400, response.getStatus(), bad);
                String description = (String) JsonSerialization.readValue(response.readEntity(String.class), Map.class)
                        .get("error_description");
                assertTrue(description != null && description.contains("Open Finance webhook base URI refused"),
                        bad + ": " + description);
            }
            assertEquals(List.of(), settingsMappers(), "nothing stored for " + bad);
        }

        // An existing mapper saved with a bad base URI is refused the same way and keeps its value.
        try (Response response = realm.admin().clients().get(initiatorId).getProtocolMappers().createMapper(
                settingsMapper(null, Map.of("kcconsent.webhook.enabled", "true", BASE_URI, WebhookReceiver.OPEN_FINANCE_BASE_URI)))) {
            assertEquals(201, response.getStatus());
        }
        ProtocolMapperRepresentation stored = settingsMappers().get(0);
        assertThrows(BadRequestException.class, () -> realm.admin().clients().get(initiatorId).getProtocolMappers()
                .update(stored.getId(), settingsMapper(stored,
                        Map.of("kcconsent.webhook.enabled", "true", BASE_URI, "https://tpp.example/webhooks?x=1"))));
        assertEquals(WebhookReceiver.OPEN_FINANCE_BASE_URI, settingsMappers().get(0).getConfig().get(BASE_URI));
    }

    private static ProtocolMapperRepresentation settingsMapper(ProtocolMapperRepresentation existing, Map<String, String> config) {
        ProtocolMapperRepresentation m = new ProtocolMapperRepresentation();
        if (existing != null) {
            m.setId(existing.getId());
        }
        m.setName("consent settings");
        m.setProtocol("openid-connect");
        m.setProtocolMapper("kcconsent-client-settings");
        m.setConfig(new HashMap<>(config));
        return m;
    }

    private List<ProtocolMapperRepresentation> settingsMappers() {
        return realm.admin().clients().get(initiatorId).getProtocolMappers().getMappers().stream()
                .filter(m -> "kcconsent-client-settings".equals(m.getProtocolMapper())).toList();
    }
}
