package io.github.kcconsent.receipt;

import java.util.List;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentEvent;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * The consents' signed receipts ({@code kcconsent-receipts} SPI): one per grant, rejection, revocation, expiry,
 * consumption and renewal, issued in the transaction of the event and kept with the consent.
 */
public interface ConsentReceipts extends Provider {

    /**
     * The receipt of the event that just happened to {@code consent} (as the store returned it after the change),
     * issued now if it has none yet: asked twice for the same change (say by the webhook outbox and the receipts'
     * own listener) it returns the same receipt.
     */
    ConsentReceipt issue(RealmModel realm, Consent consent, ConsentEvent event);

    /** The consent's receipts, oldest first. */
    List<ConsentReceipt> of(RealmModel realm, String consentId);

    /** Deletes the receipts of consents that are being deleted, in the same transaction. */
    void consentsRemoved(RealmModel realm, List<String> consentIds);
}
