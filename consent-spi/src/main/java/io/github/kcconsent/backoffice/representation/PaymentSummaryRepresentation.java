package io.github.kcconsent.backoffice.representation;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.openbanking.payments.validation.Payment;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest;

/**
 * A payment consent in a search result: enough to tell it from the others on a list (how much, to whom, when),
 * without the creditor's document, keys or account numbers, which only its detail shows.
 *
 * @param firstPaymentDate the day of an immediate payment, or the first day of a schedule
 * @param paymentCount     1 for an immediate or single payment, the schedule's number of payments otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentSummaryRepresentation(
        @JsonProperty("amount") String amount,
        @JsonProperty("currency") String currency,
        @JsonProperty("creditorName") String creditorName,
        @JsonProperty("firstPaymentDate") String firstPaymentDate,
        @JsonProperty("paymentCount") int paymentCount) {

    public static PaymentSummaryRepresentation of(PaymentConsentRequest request) {
        Payment payment = request.payment();
        List<LocalDate> dates = payment.paymentDates();
        return new PaymentSummaryRepresentation(payment.amount().text(), payment.currency(),
                request.creditor().name(), dates.get(0).toString(), dates.size());
    }
}
