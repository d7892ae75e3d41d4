package io.github.kcconsent.webhook;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentEvent;
import org.keycloak.models.RealmModel;

/**
 * Where a signed event's {@code receipt} comes from: the compact JWT of the event's receipt. A function rather than
 * the receipts provider itself, so the outbox only knows that a receipt is a string it passes on.
 */
@FunctionalInterface
public interface ReceiptSource {

    String receiptFor(RealmModel realm, Consent consent, ConsentEvent event);
}
