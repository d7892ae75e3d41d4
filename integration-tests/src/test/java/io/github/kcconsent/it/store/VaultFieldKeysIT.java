package io.github.kcconsent.it.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.FieldKeyProviders;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.StaffTokens;
import io.github.kcconsent.it.support.StoreDriver;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * Field keys kept out of the database: a {@code kcconsent-field-keys} provider whose secrets are
 * {@code ${vault.…}} references to Keycloak's file vault. The database then holds only the references, and
 * consents written under those keys encrypt, search and seal their history as usual.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class VaultFieldKeysIT {

    private static final String CPF = "52998224725";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    @Test
    void keysInTheVaultEncryptAndSealWhileTheDatabaseHoldsOnlyTheirReferences() throws Exception {
        String encryption = secret();
        String blindIndex = secret();
        writeVaultEntry("kccenc", encryption);
        writeVaultEntry("kccblind", blindIndex);
        String componentId;
        try (Response created = FieldKeyProviders.add(realm, "vault-keys", 500, Map.of(
                "encryptionSecret", "${vault.kccenc}", "blindIndexSecret", "${vault.kccblind}"))) {
            assertEquals(201, created.getStatus(), "the provider with vault references was created");
            String location = created.getLocation().getPath();
            componentId = location.substring(location.lastIndexOf('/') + 1);
        }
        StoreDriver store = new StoreDriver(realm.getBaseUrl());

        Map<?, ?> stored = (Map<?, ?>) store.get("/component-config/" + componentId).body();
        assertEquals("${vault.kccenc}", stored.get("encryptionSecret"));
        assertEquals("${vault.kccblind}", stored.get("blindIndexSecret"));
        assertFalse(stored.containsValue(encryption) || stored.containsValue(blindIndex), "no secret in the database");
        String kid = (String) stored.get("encryptionKid");

        String partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        String mariaId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        String id = store.createDataSharing(partnerId, CPF);
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(id) + "/authorise", Map.of("userId", mariaId,
                "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", "Conta 1")))).status());

        assertEquals(CPF, store.consent(id).get("cpf"), "the CPF decrypts under the vault key");
        Map<?, ?> row = store.get("/raw-named?table=KCC_CONSENT").list().stream().map(r -> (Map<?, ?>) r)
                .filter(r -> id.equals(r.get("ID"))).findFirst().orElseThrow();
        assertEquals(kid, row.get("ENC_KEY_ID"), "written under the vault key");
        assertEquals(List.of(id), store.get("/by-document?kind=CPF&value=" + CPF).list().stream()
                .filter(id::equals).toList(), "found through the vault blind-index key");

        String api = realm.getBaseUrl().replace("/realms/", "/admin/realms/") + "/consents";
        var verification = Http.get(api + "/" + StoreDriver.encode(id) + "/history/verification",
                "Authorization", "Bearer " + StaffTokens.withRoles(realm, "view-consents"));
        assertEquals(200, verification.statusCode(), verification.body());
        Map<?, ?> v = JsonSerialization.readValue(verification.body(), Map.class);
        assertEquals(Boolean.TRUE, v.get("verified"), v.toString());
    }

    @Test
    void aReferenceToAMissingOrShortVaultEntryIsRefusedAndNothingIsCreated() throws Exception {
        writeVaultEntry("kccshort", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]));
        int before = FieldKeyProviders.of(realm).size();
        for (String reference : List.of("${vault.kccmissing}", "${vault.kccshort}")) {
            try (Response refused = FieldKeyProviders.add(realm, "bad-vault-keys", 600,
                    Map.of("blindIndexSecret", reference))) {
                assertEquals(400, refused.getStatus(), reference);
                String body = refused.readEntity(String.class);
                assertTrue(body.contains("vault entry"), body);
            }
        }
        assertEquals(before, FieldKeyProviders.of(realm).size(), "no provider was added");
    }

    /** Keycloak's file vault reads {@code <realm>_<name>} (underscores doubled) from its directory. */
    private void writeVaultEntry(String name, String value) throws Exception {
        Path file = ConsentServerConfig.vaultDirectory().resolve(realm.getName().replace("_", "__") + "_" + name);
        Files.writeString(file, value, StandardCharsets.UTF_8);
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
