package io.github.kcconsent.backoffice;

import static io.github.kcconsent.fakes.PaymentConsents.CREATED;
import static io.github.kcconsent.fakes.PaymentConsents.DAILY;
import static io.github.kcconsent.fakes.PaymentConsents.IMMEDIATE;
import static io.github.kcconsent.fakes.PaymentConsents.consent;
import static io.github.kcconsent.fakes.PaymentConsents.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentData;
import org.junit.jupiter.api.Test;

class PaymentConsumptionRulesTest {

    private static final Instant NOW = CREATED.plusSeconds(600);
    private static final Instant LATER = NOW.plusSeconds(3000);

    @Test
    void anAuthorisedPaymentConsentWithinItsWindowCanBeConsumed() {
        assertNull(PaymentConsumptionRules.refusal(payment(ConsentStatus.AUTHORISED, IMMEDIATE, LATER), NOW));
    }

    @Test
    void aPaymentConsentIsRefusedWhenItsConsumptionWindowHasPassedEvenBeforeTheSweeperMovesIt() {
        assertEquals("the consent is REJECTED (TEMPO_EXPIRADO_CONSUMO) and cannot be consumed",
                PaymentConsumptionRules.refusal(payment(ConsentStatus.AUTHORISED, IMMEDIATE, NOW), NOW));
    }

    @Test
    void aPaymentConsentIsRefusedWhenItIsAwaitingRejectedOrAlreadyConsumed() {
        assertEquals("the consent is AWAITING_AUTHORISATION: the customer has not authorised it",
                PaymentConsumptionRules.refusal(payment(ConsentStatus.AWAITING_AUTHORISATION, IMMEDIATE, null),
                        CREATED.plusSeconds(10)));
        assertEquals("the consent was already consumed",
                PaymentConsumptionRules.refusal(payment(ConsentStatus.CONSUMED, IMMEDIATE, LATER), NOW));
        assertEquals("the consent is REJECTED and cannot be consumed",
                PaymentConsumptionRules.refusal(payment(ConsentStatus.REJECTED, IMMEDIATE, LATER), NOW),
                "a stored rejection without its reason in this fixture");
    }

    @Test
    void aDataSharingConsentIsNeverConsumed() {
        assertEquals("only payment consents are consumed; this one is DATA_SHARING",
                PaymentConsumptionRules.refusal(consent(ConsentType.DATA_SHARING, ConsentStatus.AUTHORISED, null,
                        LATER), NOW));
    }

    @Test
    void anImmediatePaymentIsConsumableUntilTheEndOfItsDayInBrasiliaAndNotAfter() {
        // IMMEDIATE is for 2026-03-01; Brasília is UTC-3, so that day ends at 03:00 UTC on 03-02.
        var payment = PaymentConsentData.read(IMMEDIATE, CREATED);
        assertNull(PaymentConsumptionRules.dateRefusal(payment, Instant.parse("2026-03-02T02:59:59Z")));
        assertEquals("the consent is for an immediate payment on 2026-03-01, and that day has ended in Brasília"
                        + " time (it is now 2026-03-02): it cannot be consumed",
                PaymentConsumptionRules.dateRefusal(payment, Instant.parse("2026-03-02T03:00:00Z")));
    }

    @Test
    void aScheduledPaymentHasNoDayToMissAtConsumption() {
        assertNull(PaymentConsumptionRules.dateRefusal(PaymentConsentData.read(DAILY, CREATED),
                Instant.parse("2026-03-05T12:00:00Z")));
    }
}
