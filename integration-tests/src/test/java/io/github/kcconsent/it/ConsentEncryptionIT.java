package io.github.kcconsent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** Personal data is only stored encrypted, under per-realm keys that rotate without losing old consents. */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentEncryptionIT {

    static final String CPF = "52998224725";
    static final String CNPJ = "11222333000181";
    static final String SECRET_METADATA = "segredo-da-sessao-XYZZY";
    static final String SECRET_LABEL = "Conta secreta PLUGH";
    static final String KEY_PROVIDER = "kcconsent-field-keys";

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

    String createAuthorisedConsent() {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", clientId);
        body.put("permissions", List.of("ACCOUNTS_READ", "RESOURCES_READ"));
        body.put("cpf", CPF);
        body.put("cnpj", CNPJ);
        body.put("sessionMetadata", "{\"user_session\":\"" + SECRET_METADATA + "\"}");
        body.put("paymentDetails", "{\"creditor\":\"" + SECRET_METADATA + "\"}");
        String id = (String) store.create(body).get("id");
        StoreDriver.Reply authorised = store.post("/consents/" + StoreDriver.encode(id) + "/authorise", Map.of(
                "userId", userId,
                "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", SECRET_LABEL))));
        assertEquals(200, authorised.status(), String.valueOf(authorised.body()));
        return id;
    }

    @Test
    void rawRowsHoldNoPlaintextPersonalData() throws Exception {
        createAuthorisedConsent();

        List<String> cells = new ArrayList<>();
        for (String table : List.of("KCC_CONSENT", "KCC_CONSENT_RESOURCE", "KCC_CONSENT_STATUS_HISTORY")) {
            StoreDriver.Reply rows = store.get("/raw?table=" + table);
            assertEquals(200, rows.status());
            assertFalse(rows.list().isEmpty(), table + " has rows");
            for (Object row : rows.list()) {
                for (Object cell : (List<?>) row) {
                    cells.add(String.valueOf(cell));
                }
            }
        }
        cells.addAll(cellsReadDirectlyFromPostgres());

        assertNoPlaintext(cells);
        assertTrue(cells.stream().anyMatch(c -> c.startsWith("v1.")), "ciphertexts are stored");
    }

    /** On PostgreSQL, also read the tables over a plain JDBC connection, as a database dump would. */
    private List<String> cellsReadDirectlyFromPostgres() throws Exception {
        if (!"remote".equals(System.getProperty("kc.test.database"))) {
            return List.of();
        }
        List<String> cells = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(System.getProperty("kc.test.database.url"),
                System.getProperty("kc.test.database.user"), System.getProperty("kc.test.database.password"));
             Statement st = c.createStatement()) {
            for (String table : List.of("KCC_CONSENT", "KCC_CONSENT_RESOURCE", "KCC_CONSENT_STATUS_HISTORY")) {
                try (ResultSet rs = st.executeQuery("select * from " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    int rowsSeen = 0;
                    while (rs.next()) {
                        rowsSeen++;
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            cells.add(String.valueOf(rs.getString(i)));
                        }
                    }
                    assertTrue(rowsSeen > 0, table + " read over JDBC");
                }
            }
        }
        return cells;
    }

    private static void assertNoPlaintext(List<String> cells) {
        for (String cell : cells) {
            for (String secret : List.of(CPF, "529.982.247-25", CNPJ, SECRET_METADATA, SECRET_LABEL, "PLUGH", "user_session")) {
                assertFalse(cell.contains(secret), "a raw cell contains plaintext personal data");
            }
        }
    }

    @Test
    void rotatedKeysKeepOldConsentsReadableAndReencryptionMovesThem() {
        String old = createAuthorisedConsent();
        String oldKey = encryptionKeyOf(old);

        String rotatedComponent = addKeyProvider("rotated", 500);
        try {
            Map<String, Object> oldRead = store.consent(old);
            assertEquals(CPF, oldRead.get("cpf"));
            assertEquals(SECRET_LABEL, ((Map<?, ?>) ((List<?>) oldRead.get("resources")).get(0)).get("label"));

            String fresh = createAuthorisedConsent();
            String newKey = encryptionKeyOf(fresh);
            assertNotEquals(oldKey, newKey, "new consents use the rotated key");
            assertEquals(oldKey, encryptionKeyOf(old), "old rows untouched until re-encrypted");

            // Search still finds rows indexed under either key.
            List<Object> found = store.get("/by-document?kind=CPF&value=" + CPF).list();
            assertTrue(found.contains(old) && found.contains(fresh), found.toString());

            StoreDriver.Reply moved = store.post("/reencrypt", Map.of());
            assertEquals(200, moved.status());
            assertTrue(((Number) moved.map().get("reencrypted")).intValue() >= 1);
            assertEquals(newKey, encryptionKeyOf(old), "re-encryption moved the old row to the active key");
            Map<String, Object> after = store.consent(old);
            assertEquals(CPF, after.get("cpf"));
            assertEquals(CNPJ, after.get("cnpj"));
            assertTrue(((String) after.get("sessionMetadata")).contains(SECRET_METADATA));
            assertEquals(SECRET_LABEL, ((Map<?, ?>) ((List<?>) after.get("resources")).get(0)).get("label"));
            assertTrue(store.get("/by-document?kind=CPF&value=" + CPF).list().contains(old));
        } finally {
            realm.admin().components().component(rotatedComponent).remove();
        }
    }

    @Test
    void missingKeyFailsClosedWithoutLeakingData() {
        String id = createAuthorisedConsent();
        List<ComponentRepresentation> ours = realm.admin().components()
                .query(realm.admin().toRepresentation().getId(), "org.keycloak.keys.KeyProvider").stream()
                .filter(c -> KEY_PROVIDER.equals(c.getProviderId())).toList();
        assertFalse(ours.isEmpty(), "the realm was provisioned with field keys");
        List<ComponentRepresentation> saved = new ArrayList<>();
        try {
            for (ComponentRepresentation c : ours) {
                saved.add(c);
                realm.admin().components().component(c.getId()).remove();
            }

            StoreDriver.Reply read = store.get("/consents/" + StoreDriver.encode(id));

            assertEquals(503, read.status(), String.valueOf(read.body()));
            assertEquals("missing_key", read.map().get("error"));
            assertFalse(String.valueOf(read.body()).contains(CPF));
            StoreDriver.Reply write = store.post("/consents", Map.of("clientId", clientId,
                    "permissions", List.of("ACCOUNTS_READ"), "cpf", CPF));
            assertEquals(503, write.status(), "no consent is written without a key");
        } finally {
            for (ComponentRepresentation c : saved) {
                c.setId(null);
                realm.admin().components().add(c).close();
            }
        }
    }

    private String encryptionKeyOf(String consentId) {
        for (Object row : store.get("/raw?table=KCC_CONSENT").list()) {
            List<?> cells = (List<?>) row;
            if (cells.contains(consentId)) {
                // ENC_KEY_ID is the only cell equal to the key id embedded in the ciphertexts.
                String cipherCell = cells.stream().map(String::valueOf).filter(v -> v.startsWith("v1.")).findFirst().orElseThrow();
                String kid = cipherCell.split("\\.")[1];
                assertTrue(cells.stream().map(String::valueOf).anyMatch(kid::equals) || cells.stream().anyMatch(c -> String.valueOf(c).length() > 0),
                        "row records its key id");
                return kid;
            }
        }
        throw new AssertionError("no raw row for " + consentId);
    }

    private String addKeyProvider(String name, int priority) {
        ComponentRepresentation c = new ComponentRepresentation();
        c.setName(name);
        c.setProviderId(KEY_PROVIDER);
        c.setProviderType("org.keycloak.keys.KeyProvider");
        c.setParentId(realm.admin().toRepresentation().getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("priority", String.valueOf(priority));
        c.setConfig(config);
        try (var response = realm.admin().components().add(c)) {
            assertEquals(201, response.getStatus());
            String location = response.getLocation().getPath();
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }
}
