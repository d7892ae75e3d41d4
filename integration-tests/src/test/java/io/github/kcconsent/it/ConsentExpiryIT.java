package io.github.kcconsent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The cluster-aware sweeper (every 2 s in the test server) moves overdue consents to REJECTED with the spec's
 * reason; reads report them rejected as soon as their time passes.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentExpiryIT {

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    StoreDriver store;
    String clientId;
    String userId;

    @BeforeEach
    void setUp() {
        store = new StoreDriver(realm.getBaseUrl());
        clientId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        userId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        RealmRepresentation rep = realm.admin().toRepresentation();
        Map<String, String> attributes = new HashMap<>(rep.getAttributesOrEmpty());
        attributes.put("kcconsent.authorisationWindow.DATA_SHARING", "3");
        attributes.put("kcconsent.authorisationWindow.PAYMENT", "3");
        rep.setAttributes(attributes);
        realm.admin().update(rep);
    }

    private String create(String type, Integer expiresInSeconds) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", clientId);
        body.put("type", type);
        body.put("permissions", List.of("ACCOUNTS_READ", "RESOURCES_READ"));
        body.put("cpf", "52998224725");
        if (expiresInSeconds != null) {
            body.put("expiresInSeconds", expiresInSeconds);
        }
        return (String) store.create(body).get("id");
    }

    /** Polls the stored (not the effective) status until the sweeper has written it, for at most 30 s. */
    private Map<String, Object> awaitStoredStatus(String id, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Map<String, Object> read = store.consent(id);
        while (!status.equals(read.get("status")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            read = store.consent(id);
        }
        return read;
    }

    @Test
    void awaitingDataSharingConsentExpiresAfterItsWindow() throws Exception {
        String id = create("DATA_SHARING", null);
        assertEquals("AWAITING_AUTHORISATION", store.consent(id).get("effectiveStatus"));

        Map<String, Object> read = awaitStoredStatus(id, "REJECTED");

        assertEquals("REJECTED", read.get("status"));
        assertEquals("CONSENT_EXPIRED", read.get("rejectionReason"));
        assertEquals("ASPSP", read.get("rejectedBy"));
        List<Object> history = store.get("/consents/" + StoreDriver.encode(id) + "/history").list();
        Map<?, ?> last = (Map<?, ?>) history.get(history.size() - 1);
        assertEquals("system:expiry", last.get("actor"));
        assertEquals("SCHEDULER", last.get("channel"));
        assertEquals("CONSENT_EXPIRED", last.get("reason"));
        // Too late to authorise.
        assertEquals(409, store.post("/consents/" + StoreDriver.encode(id) + "/authorise",
                Map.of("userId", userId, "resources", List.of())).status());
    }

    @Test
    void authorisedConsentExpiresAtItsExpirationDateTime() throws Exception {
        String id = create("DATA_SHARING", 4);
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(id) + "/authorise",
                Map.of("userId", userId, "resources", List.of())).status());

        Map<String, Object> read = awaitStoredStatus(id, "REJECTED");

        assertEquals("CONSENT_MAX_DATE_REACHED", read.get("rejectionReason"));
        assertEquals("ASPSP", read.get("rejectedBy"));
    }

    @Test
    void awaitingPaymentConsentExpiresWithThePaymentCode() throws Exception {
        String id = create("PAYMENT", null);

        Map<String, Object> read = awaitStoredStatus(id, "REJECTED");

        assertEquals("TEMPO_EXPIRADO_AUTORIZACAO", read.get("rejectionReason"));
    }

    @Test
    void readsReportAnOverdueConsentAsRejectedAtOnce() throws Exception {
        String id = create("DATA_SHARING", null);
        Map<String, Object> created = store.consent(id);
        Instant deadline = Instant.parse((String) created.get("authorisationDeadline"));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()) + 50);

        Map<String, Object> read = store.consent(id);

        // Whether or not the sweeper has run yet, the consent is no longer awaiting.
        assertEquals("REJECTED", read.get("effectiveStatus"));
        assertEquals("CONSENT_EXPIRED", read.get("rejectionReason"));
    }
}
