package io.github.kcconsent.openbanking.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code data} of {@code ResponseCreatePaymentConsent} / {@code ResponsePaymentConsent}. The party and
 * payment members are the partner's own, as it sent them (stored encrypted); {@code debtorAccount} is the one it
 * sent or, once the customer authorised, the account the customer chose.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentConsentView(
        String consentId,
        String creationDateTime,
        String expirationDateTime,
        String statusUpdateDateTime,
        String status,
        JsonNode loggedUser,
        JsonNode businessEntity,
        JsonNode creditor,
        JsonNode payment,
        JsonNode debtorAccount,
        Rejection rejectionReason) {

    /** {@code ConsentRejectionReason}: present exactly when the status is REJECTED. */
    public record Rejection(String code, String detail) {
    }
}
