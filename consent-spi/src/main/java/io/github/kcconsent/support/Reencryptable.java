package io.github.kcconsent.support;

import org.keycloak.models.RealmModel;

/**
 * A store whose rows hold ciphertexts under the realm's field keys (the consents, the renewals). After a key
 * rotation {@link ReencryptionTask} walks every realm and asks the store to move a batch of rows to the active
 * key, so that the old key can be disabled once nothing is left under it.
 */
public interface Reencryptable {

    /**
     * Re-encrypts up to {@code max} rows of the realm not written with its active key, in the caller's
     * transaction. Rows whose key is gone are skipped (and counted), never half rewritten.
     */
    ReencryptionResult reencrypt(RealmModel realm, int max);
}
