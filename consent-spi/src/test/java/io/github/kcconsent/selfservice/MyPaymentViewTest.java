package io.github.kcconsent.selfservice;

import static io.github.kcconsent.fakes.PaymentConsents.CREATED;
import static io.github.kcconsent.fakes.PaymentConsents.DAILY;
import static io.github.kcconsent.fakes.PaymentConsents.IMMEDIATE;
import static io.github.kcconsent.fakes.PaymentConsents.consent;
import static io.github.kcconsent.fakes.PaymentConsents.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import org.junit.jupiter.api.Test;

class MyPaymentViewTest {

    @Test
    void aPaymentConsentShowsItsAmountInReaisItsCreditorAndItsDay() {
        MyPaymentView view = MyPaymentView.of(payment(ConsentStatus.AUTHORISED, IMMEDIATE, CREATED.plusSeconds(3600)))
                .orElseThrow();

        assertEquals("R$ 1.234,56", view.getAmount());
        assertEquals("Padaria São João Ltda.", view.getCreditor());
        assertEquals("01/03/2026", view.getFirstDate());
        assertEquals("01/03/2026", view.getLastDate());
        assertEquals(1, view.getCount());
    }

    @Test
    void aScheduleShowsHowManyPaymentsAndBetweenWhichDays() {
        MyPaymentView view = MyPaymentView.of(payment(ConsentStatus.AWAITING_AUTHORISATION, DAILY, null)).orElseThrow();

        assertEquals("R$ 10,00", view.getAmount());
        assertEquals("Maria <b>Souza</b>", view.getCreditor(), "as sent; the template escapes it");
        assertEquals("02/03/2026", view.getFirstDate());
        assertEquals("04/03/2026", view.getLastDate());
        assertEquals(3, view.getCount());
    }

    @Test
    void amountsAreWrittenAsABrazilianReadsThem() {
        assertEquals("R$ 0,01", MyPaymentView.reais(new BigDecimal("0.01")));
        assertEquals("R$ 1.000.000,00", MyPaymentView.reais(new BigDecimal("1000000.00")));
    }

    @Test
    void otherConsentsAndUnreadableDetailsShowNoPayment() {
        assertTrue(MyPaymentView.of(consent(ConsentType.DATA_SHARING, ConsentStatus.AUTHORISED, null, null)).isEmpty());
        assertTrue(MyPaymentView.of(payment(ConsentStatus.AUTHORISED, "{\"amount\":\"10.00\"}", null)).isEmpty());
        assertTrue(MyPaymentView.of(payment(ConsentStatus.AUTHORISED, "not json", null)).isEmpty());
        assertTrue(MyPaymentView.of(payment(ConsentStatus.AUTHORISED, null, null)).isEmpty());
    }

    @Test
    void aPaymentConsentIsListedReadOnlyWithItsPayment() {
        MyConsentView view = MyConsentView.of(payment(ConsentStatus.AUTHORISED, IMMEDIATE, CREATED.plusSeconds(3600)),
                "Iniciadora", List.of(), CREATED.plusSeconds(60));

        assertEquals("AUTHORISED", view.getStatus());
        assertFalse(view.isRevocable(), "Payments v4 gives the customer no revocation");
        assertEquals("R$ 1.234,56", view.getPayment().getAmount());
        assertNull(MyConsentView.of(consent(ConsentType.DATA_SHARING, ConsentStatus.AUTHORISED, null, null), "p",
                List.of(), CREATED).getPayment());
    }
}
