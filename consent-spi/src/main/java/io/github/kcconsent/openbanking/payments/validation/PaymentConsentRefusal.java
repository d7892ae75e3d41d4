package io.github.kcconsent.openbanking.payments.validation;

import java.util.List;

/**
 * A payment-consent request that cannot be accepted, with the 1 to 3 errors the spec's 422 body may carry.
 * Like {@code ApiError} it has no stack trace (a refusal is an answer, not a fault) and its message holds
 * codes and paths only.
 */
public final class PaymentConsentRefusal extends RuntimeException {

    private final transient List<PaymentConsentError> errors;

    PaymentConsentRefusal(List<PaymentConsentError> errors) {
        super(summary(errors), null, false, false);
        if (errors.isEmpty() || errors.size() > ErrorCollector.MAX_REPORTED) {
            throw new IllegalArgumentException("a refusal carries 1 to " + ErrorCollector.MAX_REPORTED + " errors");
        }
        this.errors = List.copyOf(errors);
    }

    /** In the order they should be reported: format errors first, then business rules. */
    public List<PaymentConsentError> errors() {
        return errors;
    }

    private static String summary(List<PaymentConsentError> errors) {
        StringBuilder out = new StringBuilder();
        for (PaymentConsentError error : errors) {
            out.append(out.length() == 0 ? "" : ", ").append(error.code()).append(' ').append(error.field());
        }
        return out.toString();
    }
}
