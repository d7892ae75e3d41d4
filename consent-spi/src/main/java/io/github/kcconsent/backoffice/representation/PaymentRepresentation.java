package io.github.kcconsent.backoffice.representation;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.openbanking.payments.validation.Payment;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentData;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest;

/**
 * What a payment consent allows, read typed from its (decrypted) details: the creditor, the payment (amount as
 * the partner wrote it, currency, the day of an immediate payment or the schedule, how the creditor was
 * identified) and the debtor account the customer chose. Exactly one of {@code date} and {@code schedule} is
 * present. Account numbers, documents and Pix keys are personal data: only the roles that may read a consent's
 * personal data get this.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentRepresentation(
        @JsonProperty("creditor") CreditorRepresentation creditor,
        @JsonProperty("type") String type,
        @JsonProperty("amount") String amount,
        @JsonProperty("currency") String currency,
        @JsonProperty("date") String date,
        @JsonProperty("schedule") PaymentScheduleRepresentation schedule,
        @JsonProperty("ibgeTownCode") String ibgeTownCode,
        @JsonProperty("localInstrument") String localInstrument,
        @JsonProperty("proxy") String proxy,
        @JsonProperty("qrCode") String qrCode,
        @JsonProperty("creditorAccount") PaymentAccountRepresentation creditorAccount,
        @JsonProperty("debtorAccount") PaymentAccountRepresentation debtorAccount) {

    public static PaymentRepresentation of(PaymentConsentRequest request) {
        Payment payment = request.payment();
        return new PaymentRepresentation(
                CreditorRepresentation.of(request.creditor()),
                payment.type().name(),
                payment.amount().text(),
                payment.currency(),
                payment.date() == null ? null : payment.date().toString(),
                PaymentScheduleRepresentation.of(payment.schedule()),
                payment.ibgeTownCode(),
                payment.details().localInstrument().name(),
                payment.details().proxy(),
                payment.details().qrCode(),
                PaymentAccountRepresentation.of(payment.details().creditorAccount()),
                PaymentAccountRepresentation.of(request.debtorAccount()));
    }

    /**
     * A payment consent's details, typed; empty for any other consent and for stored details that do not read
     * as a payment consent request (rows written before payments had a stored form, or by tests), which the
     * detail then shows as stored.
     */
    static Optional<PaymentConsentRequest> read(Consent consent) {
        return PaymentConsentData.of(consent);
    }
}
