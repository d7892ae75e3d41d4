package io.github.kcconsent.store;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import org.keycloak.models.RealmModel;

/**
 * Told about every status change inside the store's transaction, after the change and its history row are
 * written, so whatever it writes (the webhook outbox) commits or rolls back together with them. The store's
 * factory passes {@link ConsentStatusChanged#publisher}, which announces the change to whoever subscribed.
 */
@FunctionalInterface
public interface ConsentEvents {

    ConsentEvents NONE = (realm, consent, from) -> { };

    void statusChanged(RealmModel realm, Consent consent, ConsentStatus from);
}
