package io.github.kcconsent.store.jpa;

import java.util.HashMap;
import java.util.Map;

import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.FieldContext;
import org.keycloak.models.RealmModel;

/**
 * The personal data of a consent row, sealed and opened with the realm's field cipher. Every ciphertext is bound
 * to realm, consent and field (the associated data), so a value copied to another row or field does not decrypt.
 *
 * <p>Plaintexts already encrypted or decrypted are remembered, keyed by realm, consent, field AND ciphertext, so a
 * value is never decrypted twice in one request (create, authorise, read) while a ciphertext copied to another row
 * still has to pass AES-GCM with that row's context. One instance lives with one store, that is one Keycloak
 * session (one request), so nothing here outlives it or goes stale across nodes.
 */
final class ConsentFields {

    static final String CPF = "cpf";
    static final String CNPJ = "cnpj";
    static final String SESSION_METADATA = "session_metadata";
    static final String PAYMENT = "payment";
    /** Followed by the account's id: each selected account's label is a field of its own. */
    static final String RESOURCE_LABEL = "resource_label:";

    private final Map<Sealed, String> plaintexts = new HashMap<>();

    static String resourceLabel(String resourceId) {
        return RESOURCE_LABEL + resourceId;
    }

    String encrypt(FieldCipher cipher, RealmModel realm, String consentId, String field, String value) {
        if (value == null) {
            return null;
        }
        String stored = cipher.encrypt(new FieldContext(realm.getId(), consentId, field), value);
        plaintexts.put(new Sealed(realm.getId(), consentId, field, stored), value);
        return stored;
    }

    String decrypt(FieldCipher cipher, RealmModel realm, String consentId, String field, String stored) {
        if (stored == null) {
            return null;
        }
        Sealed key = new Sealed(realm.getId(), consentId, field, stored);
        String known = plaintexts.get(key);
        if (known != null) {
            return known;
        }
        String value = cipher.decrypt(new FieldContext(realm.getId(), consentId, field), stored);
        plaintexts.put(key, value);
        return value;
    }

    /**
     * A ciphertext in its place. A record rather than the parts joined in one string: the ciphertext is the
     * row's own string, which caches its hash, so a lookup neither copies nor rehashes a few hundred bytes.
     */
    private record Sealed(String realmId, String consentId, String field, String stored) {
    }
}
