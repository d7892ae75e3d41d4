package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest;

/**
 * The answer to {@code POST …/consents/{id}/consume}: the consent, now {@code CONSUMED}, and everything the
 * payment system must check its payment against (payer, creditor, amount, dates, accounts). The payment system
 * makes the payment only after this answer; any other answer means the consent was not consumed by this call.
 *
 * @param clientId   the partner's {@code clientId} that initiated the consent; absent if the client is gone
 * @param consumedAt when this call consumed it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentConsumptionRepresentation(
        @JsonProperty("consentId") String consentId,
        @JsonProperty("clientId") String clientId,
        @JsonProperty("status") String status,
        @JsonProperty("consumedAt") String consumedAt,
        @JsonProperty("loggedUserDocument") String loggedUserDocument,
        @JsonProperty("businessEntityDocument") String businessEntityDocument,
        @JsonProperty("payment") PaymentRepresentation payment) {

    /**
     * @param consumed the consent as the store returned it from the consumption
     * @param request  its details, read typed before consuming
     */
    public static PaymentConsumptionRepresentation of(Consent consumed, String clientId,
                                                      PaymentConsentRequest request) {
        return new PaymentConsumptionRepresentation(consumed.id(), clientId, consumed.status().name(),
                Timestamps.iso(consumed.statusUpdatedAt()), consumed.loggedUserDocument(),
                consumed.businessEntityDocument(),
                PaymentRepresentation.of(request));
    }
}
