package io.github.kcconsent.it.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.StoreDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** The consent store inside the real server: lifecycle, history, state machine, concurrency, search. */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentStoreIT {

    static final String CPF = "52998224725";
    static final String OTHER_CPF = "11144477735";
    static final String CNPJ = "11222333000181";

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
    }

    Map<String, Object> newConsent(String cpf) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", clientId);
        body.put("type", "DATA_SHARING");
        body.put("origin", "OPEN_FINANCE_API");
        body.put("permissions", List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "RESOURCES_READ"));
        body.put("expiresInSeconds", 3600 * 24 * 90);
        body.put("cpf", cpf);
        return body;
    }

    Map<String, Object> authoriseBody(String... resourceIds) {
        List<Map<String, Object>> resources = new ArrayList<>();
        for (String id : resourceIds) {
            resources.add(Map.of("resourceId", id, "type", "CONTA_DEPOSITO_A_VISTA", "label", "Conta " + id));
        }
        return Map.of("userId", userId, "resources", resources);
    }

    @Test
    void createdConsentHasUrnIdAndStartsAwaiting() {
        Map<String, Object> body = newConsent(CPF);
        body.put("cnpj", CNPJ);
        body.put("sessionMetadata", "{\"user_session\":\"abc\"}");

        Map<String, Object> created = store.create(body);

        String id = (String) created.get("id");
        assertTrue(id.matches("urn:consent-demo:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
        Map<String, Object> read = store.consent(id);
        assertEquals("AWAITING_AUTHORISATION", read.get("status"));
        assertEquals(CPF, read.get("cpf"));
        assertEquals(CNPJ, read.get("cnpj"));
        assertEquals("{\"user_session\":\"abc\"}", read.get("sessionMetadata"));
        assertEquals(List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "RESOURCES_READ"), read.get("permissions"));
        assertNotNull(read.get("authorisationDeadline"));
        List<Object> history = store.get("/consents/" + StoreDriver.encode(id) + "/history").list();
        assertEquals(1, history.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) history.get(0);
        assertNull(first.get("from"));
        assertEquals("AWAITING_AUTHORISATION", first.get("to"));
    }

    @Test
    void lifecycleIsRecordedInHistoryAndFinalStatesStayFinal() {
        String id = (String) store.create(newConsent(CPF)).get("id");
        String path = "/consents/" + StoreDriver.encode(id);

        StoreDriver.Reply authorised = store.post(path + "/authorise", authoriseBody("acc-0001", "acc-0002"));
        assertEquals(200, authorised.status(), String.valueOf(authorised.body()));
        assertEquals("AUTHORISED", authorised.map().get("status"));
        assertEquals(userId, authorised.map().get("userId"));
        assertEquals(2, ((List<?>) authorised.map().get("resources")).size());

        StoreDriver.Reply revoked = store.post(path + "/reject",
                Map.of("rejectedBy", "USER", "reason", "CUSTOMER_MANUALLY_REVOKED"));
        assertEquals(200, revoked.status(), String.valueOf(revoked.body()));
        assertEquals("REJECTED", revoked.map().get("status"));
        Object versionAfterRevoke = store.consent(id).get("version");

        StoreDriver.Reply again = store.post(path + "/authorise", authoriseBody("acc-0001"));
        assertEquals(409, again.status());
        assertEquals("illegal_transition", again.map().get("error"));
        Map<String, Object> unchanged = store.consent(id);
        assertEquals("REJECTED", unchanged.get("status"));
        assertEquals(versionAfterRevoke, unchanged.get("version"));

        List<Object> history = store.get(path + "/history").list();
        assertEquals(3, history.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) history.get(2);
        assertEquals("AUTHORISED", last.get("from"));
        assertEquals("REJECTED", last.get("to"));
        assertEquals("CUSTOMER_MANUALLY_REVOKED", last.get("reason"));
        assertNotNull(last.get("at"));
    }

    @Test
    void illegalTransitionsChangeNothing() {
        String id = (String) store.create(newConsent(CPF)).get("id");
        String path = "/consents/" + StoreDriver.encode(id);

        // "revoked" is only for authorised consents
        StoreDriver.Reply revokeAwaiting = store.post(path + "/reject",
                Map.of("rejectedBy", "USER", "reason", "CUSTOMER_MANUALLY_REVOKED"));
        assertEquals(409, revokeAwaiting.status());
        // a data-sharing consent is never consumed
        assertEquals(409, store.post(path + "/consume", Map.of()).status());
        // a payment reason does not apply to a data-sharing consent
        assertEquals(409, store.post(path + "/reject",
                Map.of("rejectedBy", "USER", "reason", "REJEITADO_USUARIO")).status());

        Map<String, Object> read = store.consent(id);
        assertEquals("AWAITING_AUTHORISATION", read.get("status"));
        assertEquals(1, store.get(path + "/history").list().size());
        assertEquals(404, store.get("/consents/" + StoreDriver.encode("urn:consent-demo:nope")).status());
    }

    @Test
    void paymentConsentIsConsumedOnce() {
        Map<String, Object> body = newConsent(CPF);
        body.put("type", "PAYMENT");
        body.put("paymentDetails", "{\"amount\":\"100.00\"}");
        String id = (String) store.create(body).get("id");
        String path = "/consents/" + StoreDriver.encode(id);
        assertEquals(200, store.post(path + "/authorise", authoriseBody("acc-0001")).status());

        StoreDriver.Reply consumed = store.post(path + "/consume", Map.of());
        assertEquals(200, consumed.status());
        assertEquals("CONSUMED", consumed.map().get("status"));
        assertEquals(409, store.post(path + "/consume", Map.of()).status());
    }

    @Test
    void twoRacingApprovalsProduceOneAuthorisedAndOneClearFailure() {
        String id = (String) store.create(newConsent(CPF)).get("id");
        String path = "/consents/" + StoreDriver.encode(id);

        StoreDriver.Reply race = store.post(path + "/race-authorise", authoriseBody("acc-0001"));

        assertEquals(200, race.status(), String.valueOf(race.body()));
        @SuppressWarnings("unchecked")
        List<String> outcomes = new ArrayList<>((List<String>) race.map().get("outcomes"));
        outcomes.sort(String::compareTo);
        assertEquals(List.of("AUTHORISED", "concurrent_update"), outcomes);
        Map<String, Object> read = store.consent(id);
        assertEquals("AUTHORISED", read.get("status"));
        assertEquals(1, ((List<?>) read.get("resources")).size());
        assertEquals(2, store.get(path + "/history").list().size(), "exactly one authorisation was recorded");
    }

    @Test
    void documentSearchGoesThroughTheBlindIndex() {
        String a1 = (String) store.create(newConsent(CPF)).get("id");
        String a2 = (String) store.create(newConsent(CPF)).get("id");
        String b = (String) store.create(newConsent(OTHER_CPF)).get("id");

        // The stored indexes: the same document gives the same value, another document another, and neither
        // holds the document itself.
        String indexA1 = cpfIndexOf(a1);
        String indexA2 = cpfIndexOf(a2);
        String indexB = cpfIndexOf(b);
        assertEquals(indexA1, indexA2, "one document, one index value");
        assertNotEquals(indexA1, indexB, "another document, another index value");
        for (String index : List.of(indexA1, indexB)) {
            assertTrue(index.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{40,}"), "<kid>.<mac>: " + index);
            assertFalse(index.contains(CPF) || index.contains(OTHER_CPF), "no document in the index");
        }

        StoreDriver.Reply found = store.get("/by-document?kind=CPF&value=" + StoreDriver.encode("529.982.247-25"));
        assertEquals(200, found.status());
        List<Object> ids = found.list();
        assertTrue(ids.contains(a1) && ids.contains(a2) && !ids.contains(b), ids.toString());
        List<Object> others = store.get("/by-document?kind=CPF&value=" + OTHER_CPF).list();
        assertTrue(others.contains(b) && !others.contains(a1) && !others.contains(a2), others.toString());

        // The search matches the stored index, not the decrypted document: give a1 b's index (its encrypted
        // CPF stays the same) and a1 moves to b's results. Decrypting and comparing would not move it.
        StoreDriver.Reply tampered = store.post("/consents/" + StoreDriver.encode(a1) + "/cpf-index-without-listeners",
                Map.of("index", indexB));
        assertEquals(1, ((Number) tampered.map().get("updated")).intValue());
        assertEquals(CPF, store.consent(a1).get("cpf"), "a1's own CPF is unchanged");
        List<Object> byCpf = store.get("/by-document?kind=CPF&value=" + CPF).list();
        assertTrue(byCpf.contains(a2) && !byCpf.contains(a1), byCpf.toString());
        List<Object> byOther = store.get("/by-document?kind=CPF&value=" + OTHER_CPF).list();
        assertTrue(byOther.contains(a1) && byOther.contains(b), byOther.toString());
    }

    @SuppressWarnings("unchecked")
    private String cpfIndexOf(String consentId) {
        for (Object row : store.get("/raw-named?table=KCC_CONSENT").list()) {
            Map<String, String> named = (Map<String, String>) row;
            if (consentId.equals(named.get("ID"))) {
                assertNotNull(named.get("CPF_BIDX"), "a stored CPF index");
                return named.get("CPF_BIDX");
            }
        }
        throw new AssertionError("no raw row for " + consentId);
    }
}
