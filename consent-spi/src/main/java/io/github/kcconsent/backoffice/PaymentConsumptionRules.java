package io.github.kcconsent.backoffice;

import java.time.Instant;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.Rejection;

/**
 * Which consents the payment system may consume, decided before the store is asked so the refusal says why in
 * words the payment system's operators can act on (the store refuses the same transitions, but only as
 * "illegal"). The store still has the last word: it checks again under the row's lock.
 */
final class PaymentConsumptionRules {

    private PaymentConsumptionRules() {
    }

    /**
     * Why this consent cannot be consumed now, or null if it can: only an authorised payment consent within its
     * consumption window. Judged on the effective status, so an expired consent is refused with its expiry
     * reason even before the sweeper has recorded it.
     */
    static String refusal(Consent consent, Instant now) {
        if (consent.type() != ConsentType.PAYMENT) {
            return "only payment consents are consumed; this one is " + consent.type();
        }
        ConsentStatus status = consent.effectiveStatus(now);
        return switch (status) {
            case AUTHORISED -> null;
            case CONSUMED -> "the consent was already consumed";
            case AWAITING_AUTHORISATION -> "the consent is AWAITING_AUTHORISATION: the customer has not authorised it";
            case REJECTED -> {
                Rejection rejection = consent.effectiveRejection(now);
                yield "the consent is REJECTED" + (rejection == null ? "" : " (" + rejection.reason() + ")")
                        + " and cannot be consumed";
            }
        };
    }
}
