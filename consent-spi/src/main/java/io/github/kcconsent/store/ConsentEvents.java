package io.github.kcconsent.store;

import java.util.List;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import org.keycloak.models.RealmModel;

/**
 * Told about every status change inside the store's transaction, after the change and its history row are
 * written, so whatever it writes (the webhook outbox) commits or rolls back together with them; about every
 * created consent the same way; and about
 * consents about to be deleted with their realm, client or user, so whatever it keeps per consent goes in the
 * same transaction. The store's factory passes {@link ConsentStatusChanged#publisher}, which announces each of them to
 * whoever subscribed.
 */
@FunctionalInterface
public interface ConsentEvents {

    ConsentEvents NONE = (realm, consent, from) -> { };

    void statusChanged(RealmModel realm, Consent consent, ConsentStatus from);

    /** Called after the store created {@code consent} (AWAITING_AUTHORISATION) and its first history entry. */
    default void created(RealmModel realm, Consent consent) {
    }

    /** Called after the store gave an authorised {@code consent} a new expiration (a renewal; no status change). */
    default void renewed(RealmModel realm, Consent consent) {
    }

    /**
     * Called after the store erased the personal data of these consents (their rows and history stay), so that
     * whoever keeps personal data per consent (webhook payloads, renewals) erases it in the same transaction.
     */
    default void consentsErased(RealmModel realm, List<String> consentIds) {
    }

    /** Called before the store deletes these consents (at most a few hundred ids per call). */
    default void consentsRemoved(RealmModel realm, List<String> consentIds) {
    }
}
