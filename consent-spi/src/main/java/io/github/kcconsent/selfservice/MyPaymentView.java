package io.github.kcconsent.selfservice;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentData;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest;

/**
 * What the customer's page shows of a payment consent ({@code item.payment} in the template): how much, to
 * whom, on which day or days. A public JavaBean for FreeMarker, like {@link MyConsentView}. No document, key or
 * account number: the customer recognises a payment by its amount, creditor and date.
 */
public final class MyPaymentView {

    /** Pix moves reais and the page shows them as a Brazilian reads them, whatever the page's language. */
    private static final Locale BRAZIL = Locale.forLanguageTag("pt-BR");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final String amount;
    private final String creditor;
    private final String firstDate;
    private final String lastDate;
    private final int count;

    private MyPaymentView(String amount, String creditor, String firstDate, String lastDate, int count) {
        this.amount = amount;
        this.creditor = creditor;
        this.firstDate = firstDate;
        this.lastDate = lastDate;
        this.count = count;
    }

    /**
     * The payment of a payment consent; empty for other consents and for stored details that do not read as
     * a payment consent's (the row then shows what every consent shows).
     */
    static Optional<MyPaymentView> of(Consent consent) {
        Optional<PaymentConsentRequest> read = PaymentConsentData.of(consent);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        PaymentConsentRequest request = read.get();
        List<LocalDate> dates = request.payment().paymentDates();
        return Optional.of(new MyPaymentView(reais(request.payment().amount().value()), request.creditor().name(),
                DAY.format(dates.get(0)), DAY.format(dates.get(dates.size() - 1)), dates.size()));
    }

    /** {@code R$ 1.234,56}. */
    static String reais(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(BRAZIL));
        return "R$ " + format.format(value);
    }

    public String getAmount() {
        return amount;
    }

    /** The creditor's name as the partner sent it. */
    public String getCreditor() {
        return creditor;
    }

    /** The day of the payment, or of a schedule's first one. */
    public String getFirstDate() {
        return firstDate;
    }

    /** A schedule's last day; the same as {@link #getFirstDate()} for one payment. */
    public String getLastDate() {
        return lastDate;
    }

    /** How many payments the consent allows: 1, or a schedule's number. */
    public int getCount() {
        return count;
    }
}
