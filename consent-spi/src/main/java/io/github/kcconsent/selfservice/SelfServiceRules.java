package io.github.kcconsent.selfservice;

import java.time.Instant;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;

/**
 * What a signed-in customer may do with a consent on their own page. Decided on the effective status, so a
 * consent past its time is shown as ended and cannot be revoked even before the expiry sweeper has moved it.
 */
final class SelfServiceRules {

    private SelfServiceRules() {
    }

    /**
     * A customer only ever sees or touches their own consents; anyone else's is treated as not existing, so the
     * page never tells whether another customer's consent id is real.
     */
    static boolean belongsTo(Consent consent, String userId) {
        return userId != null && userId.equals(consent.userId());
    }

    /**
     * Only a consent still in force (authorised) or still pending (awaiting) has anything left to revoke, and
     * never a payment consent: Payments v4 gives the customer no revocation of a payment consent (it is
     * consumed by one payment or expires within its window), so the page shows it read-only.
     */
    static boolean isRevocable(Consent consent, Instant now) {
        if (consent.type() == ConsentType.PAYMENT) {
            return false;
        }
        ConsentStatus status = consent.effectiveStatus(now);
        return status == ConsentStatus.AUTHORISED || status == ConsentStatus.AWAITING_AUTHORISATION;
    }

    /**
     * The customer's own decision, recorded as theirs, with the code the spec gives it for this consent
     * (revoked when authorised, rejected while awaiting, the payment code for payments).
     */
    static Rejection customerRevocation(Consent consent, Instant now) {
        return new Rejection(RejectedBy.USER, RejectionReason.customerDecline(consent.type(), consent.effectiveStatus(now)));
    }
}
