package io.github.kcconsent.it.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.WebhookReceiver;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The sweeper (every 2 s in the test server) moves overdue consents to REJECTED with the spec's reason, in the
 * database (read back as the stored row, not as a read derives it), with its own history entry, in every realm,
 * and ends what an authorised consent left in Keycloak; reads report overdue consents rejected as soon as their
 * time passes, sweeper or not.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentExpiryIT {

    private static final String OTHER_CLIENT = "expiry-other-partner";
    private static final String OTHER_USER = "expiry-other-customer";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    /** A second realm, so that one realm's expiry can be seen not to depend on another's. */
    @InjectRealm(ref = "other")
    ManagedRealm other;

    StoreDriver store;
    String clientId;
    String userId;

    @BeforeEach
    void setUp() {
        store = new StoreDriver(realm.getBaseUrl());
        clientId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        userId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        shortWindows(realm);
    }

    private static void shortWindows(ManagedRealm target) {
        RealmRepresentation rep = target.admin().toRepresentation();
        Map<String, String> attributes = new HashMap<>(rep.getAttributesOrEmpty());
        attributes.put("kcconsent.authorisationWindow.DATA_SHARING", "3");
        attributes.put("kcconsent.authorisationWindow.PAYMENT", "3");
        rep.setAttributes(attributes);
        target.admin().update(rep);
    }

    private String create(String type, Integer expiresInSeconds) {
        return create(store, clientId, type, expiresInSeconds);
    }

    private static String create(StoreDriver driver, String client, String type, Integer expiresInSeconds) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", client);
        body.put("type", type);
        body.put("permissions", List.of("ACCOUNTS_READ", "RESOURCES_READ"));
        body.put("cpf", "52998224725");
        if (expiresInSeconds != null) {
            body.put("expiresInSeconds", expiresInSeconds);
        }
        return (String) driver.create(body).get("id");
    }

    private static void authorise(StoreDriver driver, String id, String user) {
        assertEquals(200, driver.post("/consents/" + StoreDriver.encode(id) + "/authorise",
                Map.of("userId", user, "resources", List.of())).status());
    }

    /** The consent's row as stored (plain SQL in the test resource): status, rejectedBy, rejectionReason. */
    private static Map<String, Object> stored(StoreDriver driver, String id) {
        StoreDriver.Reply reply = driver.get("/consents/" + StoreDriver.encode(id) + "/stored");
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        return reply.map();
    }

    /** Waits (failing after 40 s) until the stored row says REJECTED, and returns it. */
    private static Map<String, Object> awaitStoredRejection(StoreDriver driver, String id) throws InterruptedException {
        Eventually.await("the sweeper to store REJECTED for " + id, () -> "REJECTED".equals(stored(driver, id).get("status")));
        return stored(driver, id);
    }

    /** The last history entry is the sweeper's: from {@code from} to REJECTED, by system:expiry, with the reason. */
    private static void assertSweeperHistory(StoreDriver driver, String id, String from, String reason) {
        List<Object> history = driver.get("/consents/" + StoreDriver.encode(id) + "/history").list();
        Map<?, ?> last = (Map<?, ?>) history.get(history.size() - 1);
        assertEquals(from, last.get("from"), last.toString());
        assertEquals("REJECTED", last.get("to"), last.toString());
        assertEquals("system:expiry", last.get("actor"), last.toString());
        assertEquals("SCHEDULER", last.get("channel"), last.toString());
        assertEquals(reason, last.get("reason"), last.toString());
    }

    private static void assertStoredExpiry(Map<String, Object> row, String reason) {
        assertEquals("REJECTED", row.get("status"), row.toString());
        assertEquals("ASPSP", row.get("rejectedBy"), row.toString());
        assertEquals(reason, row.get("rejectionReason"), row.toString());
    }

    @Test
    void awaitingDataSharingConsentExpiresAfterItsWindow() throws Exception {
        String id = create("DATA_SHARING", null);
        assertEquals("AWAITING_AUTHORISATION", store.consent(id).get("effectiveStatus"));

        assertStoredExpiry(awaitStoredRejection(store, id), "CONSENT_EXPIRED");
        assertSweeperHistory(store, id, "AWAITING_AUTHORISATION", "CONSENT_EXPIRED");
        // Too late to authorise.
        assertEquals(409, store.post("/consents/" + StoreDriver.encode(id) + "/authorise",
                Map.of("userId", userId, "resources", List.of())).status());
    }

    @Test
    void authorisedConsentExpiresAtItsExpirationDateTime() throws Exception {
        String id = create("DATA_SHARING", 4);
        authorise(store, id, userId);
        assertEquals("AUTHORISED", stored(store, id).get("status"));

        assertStoredExpiry(awaitStoredRejection(store, id), "CONSENT_MAX_DATE_REACHED");
        assertSweeperHistory(store, id, "AUTHORISED", "CONSENT_MAX_DATE_REACHED");
    }

    @Test
    void awaitingPaymentConsentExpiresWithThePaymentCode() throws Exception {
        String id = create("PAYMENT", null);

        assertStoredExpiry(awaitStoredRejection(store, id), "TEMPO_EXPIRADO_AUTORIZACAO");
        assertSweeperHistory(store, id, "AWAITING_AUTHORISATION", "TEMPO_EXPIRADO_AUTORIZACAO");
    }

    @Test
    void readsReportAnOverdueConsentAsRejectedAtOnce() throws Exception {
        // The read's "status" is the stored status of the same read (its row, in its transaction). The sweeper
        // runs every 2 s, so a read 50 ms after the deadline usually comes before it; should the sweeper win,
        // a new consent is tried, and the test fails unless one read saw the row still awaiting.
        boolean sawStoredAwaiting = false;
        for (int attempt = 0; attempt < 3 && !sawStoredAwaiting; attempt++) {
            String id = create("DATA_SHARING", null);
            Map<String, Object> created = store.consent(id);
            Instant deadline = Instant.parse((String) created.get("authorisationDeadline"));
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()) + 50);

            Map<String, Object> read = store.consent(id);

            assertEquals("REJECTED", read.get("effectiveStatus"));
            assertEquals("CONSENT_EXPIRED", read.get("rejectionReason"));
            sawStoredAwaiting = "AWAITING_AUTHORISATION".equals(read.get("status"));
        }
        assertTrue(sawStoredAwaiting, "a read reported REJECTED while the stored row was still AWAITING_AUTHORISATION");
    }

    /**
     * Issue 13, defect 1: ending an authorised consent reaches Keycloak's user and session code, which needs a
     * realm in the session context; without one the sweeper's single transaction rolled back for every realm,
     * every interval. Two realms, each with an authorised and an awaiting consent: all four are stored as
     * expired, and the authorised ones' Keycloak user consent entries (the session binding's work) are gone.
     */
    @Test
    void anAuthorisedConsentExpiringAmongOthersInTwoRealmsExpiresThemAll() throws Exception {
        shortWindows(other);
        String otherClientId = createClient(other);
        String otherUserId = createUser(other);
        StoreDriver otherStore = new StoreDriver(other.getBaseUrl());

        String authorisedHere = create("DATA_SHARING", 4);
        authorise(store, authorisedHere, userId);
        String awaitingHere = create("DATA_SHARING", null);
        String authorisedThere = create(otherStore, otherClientId, "DATA_SHARING", 4);
        authorise(otherStore, authorisedThere, otherUserId);
        String awaitingThere = create(otherStore, otherClientId, "PAYMENT", null);
        assertTrue(hasKeycloakConsent(realm, userId, DemoRealm.PARTNER_CLIENT_ID), "authorising mirrored a Keycloak consent");
        assertTrue(hasKeycloakConsent(other, otherUserId, OTHER_CLIENT), "authorising mirrored a Keycloak consent");

        assertStoredExpiry(awaitStoredRejection(store, authorisedHere), "CONSENT_MAX_DATE_REACHED");
        assertStoredExpiry(awaitStoredRejection(store, awaitingHere), "CONSENT_EXPIRED");
        assertStoredExpiry(awaitStoredRejection(otherStore, authorisedThere), "CONSENT_MAX_DATE_REACHED");
        assertStoredExpiry(awaitStoredRejection(otherStore, awaitingThere), "TEMPO_EXPIRADO_AUTORIZACAO");
        assertSweeperHistory(store, authorisedHere, "AUTHORISED", "CONSENT_MAX_DATE_REACHED");
        assertSweeperHistory(otherStore, authorisedThere, "AUTHORISED", "CONSENT_MAX_DATE_REACHED");
        assertFalse(hasKeycloakConsent(realm, userId, DemoRealm.PARTNER_CLIENT_ID),
                "the expired consent's Keycloak user consent entry is gone (nothing else active)");
        assertFalse(hasKeycloakConsent(other, otherUserId, OTHER_CLIENT),
                "the expired consent's Keycloak user consent entry is gone in the other realm too");
    }

    /** README, webhooks: an expiry is a {@code consent_expired} event to the partner, sent by the sweeper's change. */
    @Test
    void anAuthorisedConsentsExpiryIsAConsentExpiredWebhook() throws Exception {
        ClientRepresentation partner = realm.admin().clients().get(clientId).toRepresentation();
        Map<String, String> before = new HashMap<>(partner.getAttributes());
        Map<String, String> attributes = new HashMap<>(before);
        attributes.put("kcconsent.webhook.url", WebhookReceiver.URL);
        attributes.put("kcconsent.webhook.enabled", "true");
        partner.setAttributes(attributes);
        realm.admin().clients().get(clientId).update(partner);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = create("DATA_SHARING", 4);
            authorise(store, id, userId);

            Eventually.await("the consent_expired delivery", () -> receiver.receivedFor(id).stream()
                    .anyMatch(r -> "consent_expired".equals(r.eventType()) && r.answered() == 200));

            assertEquals("REJECTED", stored(store, id).get("status"));
            // A duplicate would come from a later sweep of the already rejected consent or from a second claim
            // of the delivered row: give both their chance (two sweeps at 2 s, several dispatcher polls at 200 ms)
            // before counting, in the outbox and at the receiver.
            Thread.sleep(5_000);
            List<Map<String, Object>> expiredRows = outboxRowsOf(id).stream()
                    .filter(r -> "consent_expired".equals(r.get("type"))).toList();
            assertEquals(1, expiredRows.size(), "one consent_expired outbox row for the consent: " + expiredRows);
            assertEquals("DELIVERED", expiredRows.get(0).get("state"), String.valueOf(expiredRows));
            assertEquals(1, receiver.receivedFor(id).stream().filter(r -> "consent_expired".equals(r.eventType())).count(),
                    "one consent_expired delivery for the consent");
        } finally {
            partner.setAttributes(before);
            realm.admin().clients().get(clientId).update(partner);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> outboxRowsOf(String consentId) {
        StoreDriver.Reply reply = store.get("/webhook-outbox");
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        return reply.list().stream().map(r -> (Map<String, Object>) r)
                .filter(r -> consentId.equals(r.get("consentId"))).toList();
    }

    private static String createClient(ManagedRealm target) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(OTHER_CLIENT);
        client.setEnabled(true);
        client.setPublicClient(false);
        try (Response created = target.admin().clients().create(client)) {
            assertEquals(201, created.getStatus());
        }
        return target.admin().clients().findByClientId(OTHER_CLIENT).get(0).getId();
    }

    private static String createUser(ManagedRealm target) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(OTHER_USER);
        user.setEnabled(true);
        try (Response created = target.admin().users().create(user)) {
            assertEquals(201, created.getStatus());
        }
        return target.admin().users().search(OTHER_USER, true).get(0).getId();
    }

    private static boolean hasKeycloakConsent(ManagedRealm target, String user, String clientClientId) {
        return target.admin().users().get(user).getConsents().stream()
                .anyMatch(c -> clientClientId.equals(c.get("clientId")));
    }
}
