package io.github.kcconsent.openbanking.payments;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.openbanking.api.ApiDates;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentData;

/**
 * A payment consent as the Payments API shows it, as of a given instant: a consent past its time is REJECTED
 * with the expiry's code even before the sweeper records it. {@code expirationDateTime} is the end of the window
 * the consent is (or last was) in: creation + authorisation window while awaiting, authorisation + consumption
 * window once authorised.
 */
final class PaymentConsentRepresentation {

    private PaymentConsentRepresentation() {
    }

    static PaymentConsentView of(Consent consent, Instant now) {
        ConsentStatus status = consent.effectiveStatus(now);
        ObjectNode stored = PaymentConsentData.tree(consent.paymentDetails());
        Instant expiration = consent.expiresAt() != null ? consent.expiresAt() : consent.authorisationDeadline();
        Instant statusUpdated = consent.expiryDue(now) ? expiration : consent.statusUpdatedAt();
        PaymentConsentView.Rejection rejection = null;
        if (status == ConsentStatus.REJECTED) {
            Rejection r = consent.effectiveRejection(now);
            rejection = new PaymentConsentView.Rejection(r.reason().name(),
                    RejectionDetails.of(r.reason(), r.additionalInformation()));
        }
        return new PaymentConsentView(consent.id(), ApiDates.format(consent.createdAt()), ApiDates.format(expiration),
                ApiDates.format(statusUpdated), status.name(), stored.get("loggedUser"), stored.get("businessEntity"),
                stored.get("creditor"), stored.get("payment"), stored.get("debtorAccount"), rejection);
    }
}
