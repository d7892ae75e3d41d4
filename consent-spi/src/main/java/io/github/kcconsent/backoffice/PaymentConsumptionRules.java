package io.github.kcconsent.backoffice;

import java.time.Instant;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest;
import io.github.kcconsent.openbanking.payments.validation.PaymentDates;

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

    /**
     * Why this payment cannot be made now although its consent is consumable, or null if it can. An immediate
     * payment is for its own day in Brasília time, and that day can end inside the consumption window (authorised
     * at 23:50, consumed at 00:10): the Pix would then be for a day that has passed, which the Payments API
     * refuses ({@code DATA_PAGAMENTO_INVALIDA}), so the consent is not spent on it. A schedule starts tomorrow at
     * the earliest and cannot have passed within the window.
     */
    static String dateRefusal(PaymentConsentRequest payment, Instant now) {
        if (!payment.payment().dayEnded(now)) {
            return null;
        }
        return "the consent is for an immediate payment on " + payment.payment().date() + ", and that day has ended"
                + " in Brasília time (it is now " + PaymentDates.brasiliaDate(now) + "): it cannot be consumed";
    }
}
