package io.github.kcconsent.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** How the payment screen writes amounts, the creditor's document and dates. */
class PaymentFormatTest {

    static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    @Test
    void anAmountIsWrittenInTheCustomersLanguageWithTheRealSign() {
        assertEquals("R$\u00a01.234,56", PaymentFormat.amount(new BigDecimal("1234.56"), "BRL", PT_BR));
        assertEquals("R$1,234.56", PaymentFormat.amount(new BigDecimal("1234.56"), "BRL", Locale.ENGLISH));
        assertEquals("R$\u00a00,01", PaymentFormat.amount(new BigDecimal("0.01"), "BRL", PT_BR));
    }

    @Test
    void theLargestAmountIsWrittenExactlyNeverRounded() {
        assertEquals("R$\u00a09.999.999.999.999.999,99",
                PaymentFormat.amount(new BigDecimal("9999999999999999.99"), "BRL", PT_BR));
        assertEquals("R$\u00a0100,10", PaymentFormat.amount(new BigDecimal("0100.10"), "BRL", PT_BR), "leading zeros");
    }

    @Test
    void aCpfShowsOnlyItsMiddleDigits() {
        assertEquals("***.456.789-**", PaymentFormat.maskedDocument("12345678901"));
    }

    @Test
    void aCnpjShowsOnlyItsMiddleDigitsAndBranch() {
        assertEquals("**.764.789/0001-**", PaymentFormat.maskedDocument("58764789000137"));
    }

    @Test
    void anythingElseIsMaskedWhole() {
        assertEquals("*****", PaymentFormat.maskedDocument("12345"));
        assertEquals("", PaymentFormat.maskedDocument(null));
    }

    @Test
    void aDateIsSpelledOutForTheLanguage() {
        assertEquals("1 de março de 2026", PaymentFormat.date(LocalDate.of(2026, 3, 1), PT_BR));
        assertEquals("March 1, 2026", PaymentFormat.date(LocalDate.of(2026, 3, 1), Locale.ENGLISH));
    }
}
