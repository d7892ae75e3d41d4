package io.github.kcconsent.decision;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * How the payment screen writes amounts, documents and dates for the customer's language. Pure: the page model
 * calls it with the locale Keycloak resolved for the user.
 */
final class PaymentFormat {

    private PaymentFormat() {
    }

    /**
     * The amount in the locale's currency format: {@code R$ 1.234,56} in pt-BR (a no-break space after the
     * symbol, as the JDK's locale data has it, so the symbol never wraps away from the number), {@code R$1,234.56}
     * in English. Exact: the amount is never rounded.
     */
    static String amount(BigDecimal value, String currency, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency code = Currency.getInstance(currency);
        format.setCurrency(code);
        format.setMinimumFractionDigits(code.getDefaultFractionDigits());
        format.setMaximumFractionDigits(code.getDefaultFractionDigits());
        return format.format(value);
    }

    /**
     * A CPF or CNPJ with only its middle digits shown, in its usual punctuation: {@code ***.456.789-**} for a CPF
     * (the mask Brazilian public services print) and {@code **.345.678/0001-**} for a CNPJ: enough for the
     * customer to recognise the creditor, not enough to copy the document. Anything else is masked whole.
     */
    static String maskedDocument(String document) {
        if (document == null) {
            return "";
        }
        if (document.length() == 11) {
            return "***." + document.substring(3, 6) + "." + document.substring(6, 9) + "-**";
        }
        if (document.length() == 14) {
            return "**." + document.substring(2, 5) + "." + document.substring(5, 8) + "/" + document.substring(8, 12) + "-**";
        }
        return "*".repeat(Math.min(document.length(), 20));
    }

    /** A calendar day spelled out for the locale: {@code 1 de março de 2026}, {@code March 1, 2026}. */
    static String date(LocalDate date, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
    }
}
