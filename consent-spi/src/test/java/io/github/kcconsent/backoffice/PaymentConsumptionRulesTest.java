package io.github.kcconsent.backoffice;

import static io.github.kcconsent.fakes.PaymentConsents.CREATED;
import static io.github.kcconsent.fakes.PaymentConsents.IMMEDIATE;
import static io.github.kcconsent.fakes.PaymentConsents.consent;
import static io.github.kcconsent.fakes.PaymentConsents.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
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
}
