package io.github.kcconsent.openbanking.renewal;

import java.util.List;

import io.github.kcconsent.store.ConsentStore;
import io.github.kcconsent.support.PartyBound;
import io.github.kcconsent.support.Reencryptable;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * The renewal history of Open Finance consents ({@code kcconsent-ob-extensions} SPI). The consent itself stays
 * in {@link ConsentStore}, which renews it without touching its status history; this store keeps what the
 * spec's {@code GET …/extensions} must show. Writes run in the caller's transaction, so a renewal and its record
 * commit or roll back together. Rows are removed with their realm, client or user, on the same Keycloak events
 * on which the consent store removes the consents.
 */
public interface ConsentExtensionStore extends Provider, Reencryptable, PartyBound {

    ConsentExtension record(RealmModel realm, NewConsentExtension extension);

    /** Renewals of one consent, newest first; {@code first} is 0-based. */
    ConsentExtensionPage page(RealmModel realm, String consentId, int first, int max);

    /**
     * The consents' personal data was erased: their renewal records go, because each is the customer's document,
     * IP address and browser, and nothing else (the renewals' dates stay in the consents' receipts).
     */
    void consentsErased(RealmModel realm, List<String> consentIds);

    // reencrypt (Reencryptable): renewals not written with the realm's active key, as the consent store does for
    // consents, so an old key can be disabled after a rotation.
    // removeByRealm, removeByClient, removeByUser (PartyBound): the renewals of every consent of the party.
}
