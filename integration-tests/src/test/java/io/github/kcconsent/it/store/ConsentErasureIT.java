package io.github.kcconsent.it.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.kcconsent.it.support.BackofficeApi;
import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.FieldKeyProviders;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.StaffTokens;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Erasure that keeps the audit trail, on the real server: after a customer's erasure the tables hold none of
 * their personal data (read directly, the webhook outbox decrypted with the realm's key, and Keycloak's session
 * tables), the back office still lists the consents with their sealed history and receipts, and a search by the
 * customer's CPF finds nothing. Also as what Keycloak's user removal does in a realm set to erase.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentErasureIT {

    private static final String METADATA = "segredo-da-sessao-" + UUID.randomUUID();
    private static final String LABEL = "Conta secreta " + UUID.randomUUID();
    private static final String CREDITOR = "Credor secreto " + UUID.randomUUID();
    private static final String IP = "198.51.100.91";
    private static final String USER_AGENT = "Navegador-Secreto/" + UUID.randomUUID();
    /** Nothing listens here: the events stay in the outbox while the test reads them. */
    private static final String DEAD_WEBHOOK_URL = "http://127.0.0.1:8597/hook";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    StoreDriver store;
    BackofficeApi api;
    String partnerId;
    Map<String, String> originalPartnerAttributes;

    @BeforeEach
    void setUp() {
        store = new StoreDriver(realm.getBaseUrl());
        api = new BackofficeApi(realm);
        partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        ClientRepresentation partner = realm.admin().clients().get(partnerId).toRepresentation();
        originalPartnerAttributes = partner.getAttributes() == null ? new HashMap<>() : new HashMap<>(partner.getAttributes());
        Map<String, String> hooked = new HashMap<>(originalPartnerAttributes);
        hooked.put("kcconsent.webhook.url", DEAD_WEBHOOK_URL);
        hooked.put("kcconsent.webhook.enabled", "true");
        partner.setAttributes(hooked);
        realm.admin().clients().get(partnerId).update(partner);
    }

    @AfterEach
    void tearDown() {
        ClientRepresentation partner = realm.admin().clients().get(partnerId).toRepresentation();
        Map<String, String> restored = new HashMap<>(originalPartnerAttributes);
        restored.putIfAbsent("kcconsent.webhook.enabled", "false");
        partner.setAttributes(restored);
        realm.admin().clients().get(partnerId).update(partner);
    }

    @Test
    void afterErasureNoTableHoldsTheCustomersDataAndTheAuditTrailStays() throws Exception {
        String cpf = "11144477735";
        String username = TestUsers.create(realm, "erase", Map.of());
        String userId = realm.admin().users().search(username, true).get(0).getId();
        String origin = realm.getBaseUrl().replaceAll("/realms/.*", "");
        // A real SSO session, so Keycloak's session tables hold rows of this customer too.
        new BrowserSession(origin).open(realm.getBaseUrl() + "/consent/my").login(username, TestUsers.PASSWORD);
        List<String> ids = customersConsents(userId, cpf);
        String authorised = ids.get(0);
        assertEquals(List.of(authorised, ids.get(1), ids.get(2)).size(), findByCpf(cpf).size(), "found by CPF before");
        assertTrue(cellsOf(ids).stream().anyMatch(c -> c.startsWith("v1.")), "encrypted personal data before");

        HttpResponse<String> erased = post("/erasure", "{\"user\": \"" + username + "\"}", StaffTokens.withRoles(realm, "manage-consents"));

        assertEquals(200, erased.statusCode(), erased.body());
        Map<String, Object> answer = json(erased);
        assertEquals(userId, answer.get("userId"));
        assertEquals(3, answer.get("erasedConsents"));

        // Raw tables: no plaintext, and no ciphertext of the customer left either.
        List<String> cells = cellsOf(ids);
        assertNoPersonalData(cells, cpf);
        for (Map<String, String> row : rawRowsOf("KCC_CONSENT", ids)) {
            for (String column : List.of("CPF_ENC", "CPF_BIDX", "CNPJ_ENC", "CNPJ_BIDX", "SESSION_METADATA_ENC", "PAYMENT_ENC",
                    "DATA_KEY_WRAPPED")) {
                assertNull(row.get(column), column + " of " + row.get("ID"));
            }
            assertNotNull(row.get("ERASED_AT"));
        }
        // Their data keys are destroyed, and so are the rows' copies: no later copy of the database can decrypt them.
        List<String> dataKeys = rawRowsOf("KCC_CONSENT", ids).stream().map(r -> r.get("DATA_KEY_ID")).distinct().toList();
        assertFalse(dataKeys.contains(null), "the consents were under data keys: " + dataKeys);
        List<?> keyRows = store.get("/raw-named?table=KCC_CONSENT_DATA_KEY").list();
        for (String dataKey : dataKeys) {
            Map<?, ?> key = keyRows.stream().map(r -> (Map<?, ?>) r).filter(r -> dataKey.equals(r.get("ID"))).findFirst()
                    .orElseThrow(() -> new AssertionError("data key row " + dataKey));
            assertNull(key.get("WRAPPED_KEY"), "destroyed: " + key);
            assertNull(key.get("SUBJECT"), "no subject left: " + key);
            assertNotNull(key.get("ERASED_AT"));
        }
        for (Map<String, String> row : rawRowsOf("KCC_CONSENT_RESOURCE", ids)) {
            assertNull(row.get("LABEL_ENC"), "account label");
        }
        assertTrue(rawRowsOf("KCC_OB_CONSENT_EXTENSION", ids).isEmpty(), "the renewal records went");
        // The outbox, decrypted with the realm's key as a database reader holding it could: no session metadata.
        List<?> payloads = store.get("/webhook-payloads/" + StoreDriver.encode(ids.get(1))).list();
        assertFalse(payloads.isEmpty(), "the link consent's events are still in the outbox");
        for (Object payload : payloads) {
            assertFalse(String.valueOf(payload).contains(METADATA), "scrubbed: " + payload);
            assertTrue(String.valueOf(payload).contains("\"receipt\""), "the event keeps its receipt: " + payload);
        }
        Map<?, ?> keycloak = store.get("/raw-keycloak?userId=" + userId).map();
        assertFalse(((List<?>) keycloak.get("userSessions")).isEmpty(), "the customer's session rows are there to read");
        assertNoPersonalData(flatten(keycloak), cpf);

        // Search by the CPF finds nothing; the back office still lists the consents, with history and receipts.
        assertEquals(List.of(), findByCpf(cpf));
        HttpResponse<String> byCpf = get("?cpf=" + cpf);
        assertEquals(0, ((List<?>) json(byCpf).get("data")).size(), byCpf.body());
        HttpResponse<String> byUser = get("?user=" + userId);
        assertEquals(3, ((List<?>) json(byUser).get("data")).size(), byUser.body());
        Map<String, Object> detail = json(get("/" + StoreDriver.encode(authorised)));
        assertNotNull(detail.get("erasedAt"));
        assertEquals("REJECTED", detail.get("status"), "an open consent is ended before its data goes");
        assertNull(detail.get("loggedUserDocument"));
        assertNull(detail.get("sessionMetadata"));
        assertEquals(List.of(Map.of("resourceId", "acc-0001", "type", "CONTA")), detail.get("resources"));
        List<?> history = (List<?>) detail.get("history");
        assertEquals(List.of("AWAITING_AUTHORISATION", "AUTHORISED", "REJECTED"),
                history.stream().map(h -> ((Map<?, ?>) h).get("to")).toList());
        assertEquals(Boolean.TRUE, json(get("/" + StoreDriver.encode(authorised) + "/history/verification")).get("verified"));
        List<?> receipts = (List<?>) json(get("/" + StoreDriver.encode(authorised) + "/receipts")).get("receipts");
        assertEquals(List.of("GRANTED", "REVOKED"), receipts.stream().map(r -> ((Map<?, ?>) r).get("event")).toList());

        HttpResponse<String> again = post("/erasure", "{\"user\": \"" + userId + "\"}", StaffTokens.withRoles(realm, "manage-consents"));
        assertEquals(0, json(again).get("erasedConsents"), "nothing left to erase");

        // A later key rotation passes over the erased consents instead of failing on their destroyed data keys.
        FieldKeyProviders.add(realm, "after-erasure-" + UUID.randomUUID().toString().substring(0, 6), 900);
        StoreDriver.Reply moved = store.post("/reencrypt", Map.of());
        assertEquals(200, moved.status(), String.valueOf(moved.body()));
        assertEquals(0, ((Number) moved.map().get("skipped")).intValue(), "nothing skipped: " + moved.body());
    }

    @Test
    void aRealmThatErasesOnUserRemovalKeepsTheConsentsOfARemovedUser() throws Exception {
        String cpf = "39053344705";
        RealmRepresentation settings = realm.admin().toRepresentation();
        Map<String, String> attributes = settings.getAttributes() == null ? new HashMap<>() : new HashMap<>(settings.getAttributes());
        attributes.put("kcconsent.userRemoval", "erase");
        settings.setAttributes(attributes);
        realm.admin().update(settings);
        try {
            String username = TestUsers.create(realm, "removed", Map.of());
            String userId = realm.admin().users().search(username, true).get(0).getId();
            List<String> ids = customersConsents(userId, cpf);

            realm.admin().users().get(userId).remove();

            HttpResponse<String> byUser = get("?user=" + userId);
            assertEquals(3, ((List<?>) json(byUser).get("data")).size(), "the consents stay: " + byUser.body());
            assertNoPersonalData(cellsOf(ids), cpf);
            assertEquals(List.of(), findByCpf(cpf));
            assertNotNull(json(get("/" + StoreDriver.encode(ids.get(0)))).get("erasedAt"));
        } finally {
            attributes.remove("kcconsent.userRemoval");
            settings.setAttributes(attributes);
            realm.admin().update(settings);
        }
    }

    @Test
    void badErasureRequestsAreClearErrorsAndChangeNothing() {
        String username = TestUsers.create(realm, "kept", Map.of());
        String userId = realm.admin().users().search(username, true).get(0).getId();
        String id = customersConsents(userId, "52998224725").get(0);
        String manager = StaffTokens.withRoles(realm, "manage-consents");

        for (String body : List.of("", "{}", "[]", "{\"user\": 5}", "{\"user\": \"  \"}", "not json")) {
            HttpResponse<String> r = post("/erasure", body, manager);
            assertEquals(400, r.statusCode(), body + ": " + r.body());
            assertEquals("invalid_request", json(r).get("error"));
        }
        assertEquals(404, post("/erasure", "{\"user\": \"no-such-user\"}", manager).statusCode());
        assertEquals(403, post("/erasure", "{\"user\": \"" + username + "\"}", StaffTokens.withRoles(realm, "view-consents")).statusCode());
        assertEquals(401, Http.send(HttpRequest.newBuilder(URI.create(api.url() + "/erasure"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\": \"" + username + "\"}")).build()).statusCode());
        Map<String, Object> consent = store.consent(id);
        assertEquals("AUTHORISED", consent.get("status"), "nothing was erased or ended");
        assertEquals("52998224725", consent.get("cpf"));
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** An authorised Open Finance consent with a renewal, a consent link with session metadata, a payment consent. */
    private List<String> customersConsents(String userId, String cpf) {
        Map<String, Object> dataSharing = new HashMap<>();
        dataSharing.put("clientId", partnerId);
        dataSharing.put("permissions", List.of("ACCOUNTS_READ", "RESOURCES_READ"));
        dataSharing.put("expiresInSeconds", 86400);
        dataSharing.put("cpf", cpf);
        String authorised = authorise((String) store.create(dataSharing).get("id"), userId);
        StoreDriver.Reply renewal = store.post("/consents/" + StoreDriver.encode(authorised) + "/renewals",
                Map.of("cpf", cpf, "customerIpAddress", IP, "customerUserAgent", USER_AGENT));
        assertEquals(200, renewal.status(), String.valueOf(renewal.body()));

        Map<String, Object> link = new HashMap<>();
        link.put("clientId", partnerId);
        link.put("userId", userId);
        link.put("origin", "CONSENT_LINK");
        link.put("permissions", List.of("accounts"));
        link.put("cpf", cpf);
        link.put("sessionMetadata", "{\"user_session\":\"" + METADATA + "\"}");
        String linked = authorise((String) store.create(link).get("id"), userId);

        Map<String, Object> payment = new HashMap<>();
        payment.put("clientId", partnerId);
        payment.put("type", "PAYMENT");
        payment.put("permissions", List.of("PAYMENTS_INITIATE"));
        payment.put("cpf", cpf);
        payment.put("paymentDetails", "{\"creditor\":\"" + CREDITOR + "\"}");
        String paying = authorise((String) store.create(payment).get("id"), userId);
        return List.of(authorised, linked, paying);
    }

    private String authorise(String id, String userId) {
        return store.authorise(id, userId, LABEL);
    }

    private List<?> findByCpf(String cpf) {
        return store.get("/by-document?kind=CPF&value=" + cpf).list();
    }

    /** Every cell of every row of our tables that belongs to these consents. */
    private List<String> cellsOf(List<String> ids) {
        List<String> cells = new ArrayList<>();
        for (String table : List.of("KCC_CONSENT", "KCC_CONSENT_RESOURCE", "KCC_CONSENT_STATUS_HISTORY",
                "KCC_WEBHOOK_OUTBOX", "KCC_OB_CONSENT_EXTENSION", "KCC_CONSENT_RECEIPT")) {
            for (Map<String, String> row : rawRowsOf(table, ids)) {
                row.values().forEach(v -> cells.add(String.valueOf(v)));
            }
        }
        return cells;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, String>> rawRowsOf(String table, List<String> ids) {
        StoreDriver.Reply rows = store.get("/raw-named?table=" + table);
        assertEquals(200, rows.status(), table + ": " + rows.body());
        return rows.list().stream().map(r -> (Map<String, String>) r)
                .filter(r -> ids.contains(String.valueOf(r.get("CONSENT_ID")))
                        || "KCC_CONSENT".equals(table) && ids.contains(String.valueOf(r.get("ID"))))
                .toList();
    }

    private static void assertNoPersonalData(List<String> cells, String cpf) {
        for (String cell : cells) {
            for (String secret : List.of(cpf, METADATA, LABEL, CREDITOR, IP, USER_AGENT)) {
                assertFalse(cell.contains(secret), "personal data left: " + cell);
            }
        }
    }

    private static List<String> flatten(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> out.addAll(flatten(v)));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> out.addAll(flatten(v)));
        } else {
            out.add(String.valueOf(value));
        }
        return out;
    }

    private HttpResponse<String> get(String pathAndQuery) {
        return api.get(StaffTokens.withRoles(realm, "view-consents"), pathAndQuery);
    }

    private HttpResponse<String> post(String path, String body, String token) {
        return api.post(token, path, body);
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return BackofficeApi.json(response);
    }
}
