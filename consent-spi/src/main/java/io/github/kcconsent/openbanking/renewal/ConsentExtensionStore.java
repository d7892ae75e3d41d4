package io.github.kcconsent.openbanking.renewal;

import io.github.kcconsent.store.ReencryptionResult;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * The renewal history of Open Finance consents ({@code kcconsent-ob-extensions} SPI). The consent itself stays
 * in {@link io.github.kcconsent.store.ConsentStore}, which renews it without touching its status history; this
 * store keeps what the spec's {@code GET …/extensions} must show. Writes run in the caller's transaction, so
 * a renewal and its record commit or roll back together. Rows are removed with their realm, client or user,
 * exactly when the consent store removes the consents.
 */
public interface ConsentExtensionStore extends Provider {

    ConsentExtension record(RealmModel realm, NewConsentExtension extension);

    /** Renewals of one consent, newest first; {@code first} is 0-based. */
    ConsentExtensionPage page(RealmModel realm, String consentId, int first, int max);

    /**
     * Rewrites up to {@code max} rows of the realm not encrypted with its active field key, so that an old key
     * can be disabled after a rotation (as the consent store does for consents).
     */
    ReencryptionResult reencrypt(RealmModel realm, int max);

    /** Deletes the renewals of every consent of the realm, or of a client (internal id) or user in it. */
    int removeByRealm(RealmModel realm);

    int removeByClient(RealmModel realm, String clientId);

    int removeByUser(RealmModel realm, String userId);
}
