package io.github.kcconsent.it.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.FieldKeyProviders;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
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
        return createAuthorisedConsent(userId);
    }

    String createAuthorisedConsent(String owner) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", clientId);
        body.put("permissions", List.of("ACCOUNTS_READ", "RESOURCES_READ"));
        body.put("cpf", CPF);
        body.put("cnpj", CNPJ);
        body.put("sessionMetadata", "{\"user_session\":\"" + SECRET_METADATA + "\"}");
        body.put("paymentDetails", "{\"creditor\":\"" + SECRET_METADATA + "\"}");
        String id = (String) store.create(body).get("id");
        StoreDriver.Reply authorised = store.post("/consents/" + StoreDriver.encode(id) + "/authorise", Map.of(
                "userId", owner,
                "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", SECRET_LABEL))));
        assertEquals(200, authorised.status(), String.valueOf(authorised.body()));
        return id;
    }

    /** Every table that holds personal data: the consent, its accounts, its history, its webhook events, its renewals. */
    static final List<String> PERSONAL_DATA_TABLES = List.of("KCC_CONSENT", "KCC_CONSENT_RESOURCE",
            "KCC_CONSENT_STATUS_HISTORY", "KCC_WEBHOOK_OUTBOX", "KCC_OB_CONSENT_EXTENSION");
    static final String SECRET_IP = "198.51.100.77";
    static final String SECRET_USER_AGENT = "Navegador-XYZZY/1.0";
    /** Nothing listens here: webhook events stay in the outbox, encrypted, while the test reads them. */
    static final String DEAD_WEBHOOK_URL = "http://127.0.0.1:8597/hook";

    @Test
    void rawRowsHoldNoPlaintextPersonalData() throws Exception {
        // A user of its own: removing it at the end removes the consent, its outbox rows and renewals.
        String owner = TestUsers.customer(realm, "enc-owner", TestUsers.TWO_ACCOUNTS);
        String ownerId = realm.admin().users().search(owner, true).get(0).getId();
        Map<String, String> originalAttributes = partnerAttributes();
        Map<String, String> hooked = new HashMap<>(originalAttributes);
        hooked.put("kcconsent.webhook.url", DEAD_WEBHOOK_URL);
        hooked.put("kcconsent.webhook.enabled", "true");
        setPartnerAttributes(hooked);
        try {
            String id = createAuthorisedConsent(ownerId);
            recordRenewal(id);

            List<String> cells = new ArrayList<>();
            for (String table : PERSONAL_DATA_TABLES) {
                StoreDriver.Reply rows = store.get("/raw?table=" + table);
                assertEquals(200, rows.status(), table + ": " + rows.body());
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
            for (String table : List.of("KCC_WEBHOOK_OUTBOX", "KCC_OB_CONSENT_EXTENSION")) {
                assertTrue(rawNamed(table).stream().filter(r -> id.equals(r.get("CONSENT_ID")))
                        .anyMatch(r -> r.values().stream().anyMatch(v -> v != null && v.startsWith("v1."))),
                        table + " holds this consent's data encrypted");
            }
        } finally {
            // A client update keeps attributes it is not given: switch the webhook off explicitly, so the other
            // tests' consents queue no events (they would stay encrypted under a key those tests disable).
            Map<String, String> restored = new HashMap<>(originalAttributes);
            restored.putIfAbsent("kcconsent.webhook.enabled", "false");
            setPartnerAttributes(restored);
            realm.admin().users().get(ownerId).remove();
        }
    }

    /** On PostgreSQL, also read the tables over a plain JDBC connection, as a database dump would. */
    private List<String> cellsReadDirectlyFromPostgres() throws Exception {
        if (!"postgres".equals(System.getProperty("kc.test.database.vendor"))) {
            return List.of();
        }
        List<String> cells = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(System.getProperty("kc.test.database.url"),
                System.getProperty("kc.test.database.user"), System.getProperty("kc.test.database.password"));
             Statement st = c.createStatement()) {
            for (String table : PERSONAL_DATA_TABLES) {
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
            for (String secret : List.of(CPF, "529.982.247-25", CNPJ, SECRET_METADATA, SECRET_LABEL, "PLUGH", "user_session",
                    SECRET_IP, SECRET_USER_AGENT)) {
                assertFalse(cell.contains(secret), "a raw cell contains plaintext personal data");
            }
        }
    }

    @Test
    void rotatedKeysKeepOldConsentsReadableAndReencryptionMovesThem() {
        String old = createAuthorisedConsent();
        recordRenewal(old);
        String oldKey = encryptionKeyOf(old);
        ComponentRepresentation oldComponent = componentHoldingKey(oldKey);
        String oldIndexKey = blindIndexKeysOf(old).iterator().next();
        String oldCpfCiphertext = rawConsent(old).get("CPF_ENC");

        // The rotated key stays in place afterwards (the realm goes away with the class): removing it would
        // strand what it encrypted.
        FieldKeyProviders.add(realm, "rotated-" + UUID.randomUUID().toString().substring(0, 6), 500);
        try {
            Map<String, Object> oldRead = store.consent(old);
            assertEquals(CPF, oldRead.get("cpf"));
            assertEquals(SECRET_LABEL, ((Map<?, ?>) ((List<?>) oldRead.get("resources")).get(0)).get("label"));

            String fresh = createAuthorisedConsent();
            String newKey = encryptionKeyOf(fresh);
            assertNotEquals(oldKey, newKey, "new consents use the rotated key");
            assertEquals(oldKey, encryptionKeyOf(old), "old rows untouched until re-encrypted");
            Set<String> newIndexKeys = blindIndexKeysOf(fresh);
            assertEquals(1, newIndexKeys.size(), newIndexKeys.toString());
            assertFalse(newIndexKeys.contains(oldIndexKey), "new consents are indexed with the rotated key");

            // Search still finds rows indexed under either key.
            List<Object> found = store.get("/by-document?kind=CPF&value=" + CPF).list();
            assertTrue(found.contains(old) && found.contains(fresh), found.toString());

            StoreDriver.Reply moved = store.post("/reencrypt", Map.of());
            assertEquals(200, moved.status(), String.valueOf(moved.body()));
            assertTrue(((Number) moved.map().get("reencrypted")).intValue() >= 1, String.valueOf(moved.body()));
            assertTrue(((Number) moved.map().get("renewalsReencrypted")).intValue() >= 1, String.valueOf(moved.body()));

            // The consent's values are under its customer's data key: re-encryption re-wrapped that key under the
            // new realm key and left the values as they were. Every other ciphertext of the consent (its renewals)
            // names the new key, and so do the rows' key id columns; its blind indexes use the new index key.
            assertEquals(newKey, encryptionKeyOf(old), "re-encryption moved the old row to the active key");
            assertEquals(oldCpfCiphertext, rawConsent(old).get("CPF_ENC"), "the value was not re-encrypted, its data key was re-wrapped");
            String dataKeyKid = "kcc-dk-" + rawConsent(old).get("DATA_KEY_ID");
            for (String table : List.of("KCC_CONSENT", "KCC_CONSENT_RESOURCE", "KCC_CONSENT_STATUS_HISTORY", "KCC_OB_CONSENT_EXTENSION")) {
                String idColumn = "KCC_CONSENT".equals(table) ? "ID" : "CONSENT_ID";
                List<Map<String, String>> rows = rawNamed(table).stream().filter(r -> old.equals(r.get(idColumn))).toList();
                assertFalse(rows.isEmpty(), table + " has rows of the old consent");
                for (Map<String, String> row : rows) {
                    int ciphertexts = 0;
                    for (Map.Entry<String, String> cell : row.entrySet()) {
                        if (cell.getValue() != null && cell.getValue().startsWith("v1.")) {
                            ciphertexts++;
                            // The row's copy of its wrapped data key is under the realm key like the data key's own row.
                            boolean underDataKey = ("KCC_CONSENT".equals(table) || "KCC_CONSENT_RESOURCE".equals(table))
                                    && !"DATA_KEY_WRAPPED".equals(cell.getKey());
                            assertEquals(underDataKey ? dataKeyKid : newKey, kidOfCiphertext(cell.getValue()),
                                    table + "." + cell.getKey() + " is under " + (underDataKey ? "the data key" : "the new key"));
                        }
                    }
                    // History rows hold no personal data, so no ciphertexts: checked in case one appears.
                    assertTrue(ciphertexts > 0 || "KCC_CONSENT_STATUS_HISTORY".equals(table), table + " row holds ciphertexts");
                    if (row.containsKey("ENC_KEY_ID")) {
                        assertEquals(newKey, row.get("ENC_KEY_ID"), table + ".ENC_KEY_ID names the new key");
                    }
                }
            }
            assertEquals(newIndexKeys, blindIndexKeysOf(old), "the old consent's blind indexes moved to the new key");

            // Proof that nothing needs the old key any more: disable it, then read everything again.
            FieldKeyProviders.setEnabled(realm, oldComponent, false);
            Map<String, Object> after = store.consent(old);
            assertEquals(CPF, after.get("cpf"));
            assertEquals(CNPJ, after.get("cnpj"));
            assertTrue(((String) after.get("sessionMetadata")).contains(SECRET_METADATA));
            assertTrue(((String) after.get("paymentDetails")).contains(SECRET_METADATA));
            assertEquals(SECRET_LABEL, ((Map<?, ?>) ((List<?>) after.get("resources")).get(0)).get("label"));
            StoreDriver.Reply renewals = store.get("/consents/" + StoreDriver.encode(old) + "/renewals");
            assertEquals(200, renewals.status(), String.valueOf(renewals.body()));
            Map<?, ?> renewal = (Map<?, ?>) renewals.list().get(0);
            assertEquals(CPF, renewal.get("cpf"));
            assertEquals(SECRET_IP, renewal.get("customerIpAddress"));
            assertEquals(SECRET_USER_AGENT, renewal.get("customerUserAgent"));
            List<Object> foundAfter = store.get("/by-document?kind=CPF&value=" + CPF).list();
            assertTrue(foundAfter.contains(old) && foundAfter.contains(fresh), foundAfter.toString());
        } finally {
            FieldKeyProviders.setEnabled(realm, oldComponent, true);
        }
    }

    @Test
    void missingKeyFailsClosedWithoutLeakingData() {
        String id = createAuthorisedConsent();
        List<ComponentRepresentation> ours = FieldKeyProviders.of(realm);
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
            Map<String, Object> countsBefore = store.get("/row-counts").map();
            StoreDriver.Reply write = store.post("/consents", Map.of("clientId", clientId,
                    "permissions", List.of("ACCOUNTS_READ"), "cpf", CPF));
            assertEquals(503, write.status(), "a write without a key is refused");
            assertEquals(countsBefore, store.get("/row-counts").map(), "no consent is written without a key");
        } finally {
            for (ComponentRepresentation c : saved) {
                c.setId(null);
                realm.admin().components().add(c).close();
            }
        }
    }

    /** The consent row's ENC_KEY_ID, after checking that each of its ciphertext cells names that key. */
    /**
     * The realm key the consent's data is under: its ENC_KEY_ID, which names the realm key wrapping the customer's
     * data key (checked against the data key's row); the values themselves are under the data key.
     */
    private String encryptionKeyOf(String consentId) {
        Map<String, String> row = rawConsent(consentId);
        String kid = row.get("ENC_KEY_ID");
        assertNotNull(kid, "row records its key id");
        String dataKeyId = row.get("DATA_KEY_ID");
        assertNotNull(dataKeyId, "new consents are under a data key");
        for (String column : List.of("CPF_ENC", "CNPJ_ENC", "SESSION_METADATA_ENC", "PAYMENT_ENC")) {
            assertEquals("kcc-dk-" + dataKeyId, kidOfCiphertext(row.get(column)), column + " is under the consent's data key");
        }
        Map<String, String> dataKey = rawNamed("KCC_CONSENT_DATA_KEY").stream().filter(r -> dataKeyId.equals(r.get("ID")))
                .findFirst().orElseThrow(() -> new AssertionError("no data key row " + dataKeyId));
        assertEquals(kid, dataKey.get("KEK_KID"), "ENC_KEY_ID names the key wrapping the data key");
        assertEquals(kid, kidOfCiphertext(dataKey.get("WRAPPED_KEY")), "the data key is wrapped under it");
        assertEquals(dataKey.get("WRAPPED_KEY"), row.get("DATA_KEY_WRAPPED"), "the row's copy is the data key's");
        return kid;
    }

    private Map<String, String> rawConsent(String consentId) {
        return rawNamed("KCC_CONSENT").stream().filter(r -> consentId.equals(r.get("ID")))
                .findFirst().orElseThrow(() -> new AssertionError("no raw row for " + consentId));
    }

    /** The key ids of the consent's stored blind indexes ({@code <b64url kid>.<mac>}). */
    private Set<String> blindIndexKeysOf(String consentId) {
        Map<String, String> row = rawNamed("KCC_CONSENT").stream().filter(r -> consentId.equals(r.get("ID")))
                .findFirst().orElseThrow(() -> new AssertionError("no raw row for " + consentId));
        Set<String> kids = new HashSet<>();
        for (String column : List.of("CPF_BIDX", "CNPJ_BIDX")) {
            String index = row.get(column);
            assertNotNull(index, column);
            kids.add(new String(Base64.getUrlDecoder().decode(index.split("\\.")[0]), StandardCharsets.UTF_8));
        }
        return kids;
    }

    /** Stored ciphertexts are {@code v1.<b64url kid>.<nonce>.<sealed>}. */
    static String kidOfCiphertext(String stored) {
        assertNotNull(stored, "a ciphertext");
        String[] parts = stored.split("\\.", -1);
        assertEquals(4, parts.length, "ciphertext format");
        assertEquals("v1", parts[0]);
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, String>> rawNamed(String table) {
        StoreDriver.Reply rows = store.get("/raw-named?table=" + table);
        assertEquals(200, rows.status(), String.valueOf(rows.body()));
        return rows.list().stream().map(r -> (Map<String, String>) r).toList();
    }

    private void recordRenewal(String consentId) {
        StoreDriver.Reply renewal = store.post("/consents/" + StoreDriver.encode(consentId) + "/renewals",
                Map.of("cpf", CPF, "customerIpAddress", SECRET_IP, "customerUserAgent", SECRET_USER_AGENT));
        assertEquals(200, renewal.status(), String.valueOf(renewal.body()));
    }

    /** Our key provider component whose encryption key has this kid (the realm's key list says which). */
    private ComponentRepresentation componentHoldingKey(String kid) {
        String providerId = realm.admin().keys().getKeyMetadata().getKeys().stream()
                .filter(k -> kid.equals(k.getKid())).findFirst()
                .orElseThrow(() -> new AssertionError("no key " + kid + " in the realm's keys")).getProviderId();
        return realm.admin().components().component(providerId).toRepresentation();
    }

    private Map<String, String> partnerAttributes() {
        ClientRepresentation partner = realm.admin().clients().get(clientId).toRepresentation();
        return partner.getAttributes() == null ? new HashMap<>() : new HashMap<>(partner.getAttributes());
    }

    private void setPartnerAttributes(Map<String, String> attributes) {
        ClientRepresentation partner = realm.admin().clients().get(clientId).toRepresentation();
        partner.setAttributes(attributes);
        realm.admin().clients().get(clientId).update(partner);
    }
}
