package io.github.kcconsent.openbanking.payments.validation;

import java.util.Objects;

import io.github.kcconsent.openbanking.api.ApiError;

/**
 * One refusal of a payment-consent request. {@code field} is the JSON path of the offending field (for
 * example {@code data.payment.details.proxy}); {@code detail} names that path and the rule, never the value,
 * because a request carries documents, account numbers and Pix keys.
 */
public record PaymentConsentError(PaymentErrorCode code, String field, String detail) {

    public PaymentConsentError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(detail, "detail");
    }

    public String title() {
        return code.title();
    }

    /** The same refusal as an entry of the spec's 422 body, for the layer that renders it. */
    public ApiError toApiError() {
        return ApiError.unprocessable(code.name(), title(), detail);
    }
}
