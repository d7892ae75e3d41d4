package io.github.kcconsent.openbanking.payments.validation;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated {@code data} claim of a payment-consent creation request ({@code CreatePaymentConsent}).
 * The rules and the code each one yields are listed in the package documentation.
 *
 * @param cnpj          the business entity's CNPJ, null when the logged user acts for themselves
 * @param debtorAccount the account to pay from, when the initiator already collected it; otherwise null
 */
public record PaymentConsentRequest(String cpf, String cnpj, Creditor creditor, Payment payment,
                                    PaymentAccount debtorAccount) {

    public PaymentConsentRequest {
        Objects.requireNonNull(cpf, "cpf");
        Objects.requireNonNull(creditor, "creditor");
        Objects.requireNonNull(payment, "payment");
    }

    /**
     * @param data      the verified token's {@code data} claim
     * @param createdAt the consent's {@code creationDateTime}; its day in Brasília time is "today" for every
     *                  date rule
     * @throws PaymentConsentRefusal with 1 to 3 errors when the request cannot be accepted
     */
    public static PaymentConsentRequest validate(ObjectNode data, Instant createdAt) {
        return PaymentConsentValidator.validate(data, PaymentDates.brasiliaDate(createdAt));
    }
}
