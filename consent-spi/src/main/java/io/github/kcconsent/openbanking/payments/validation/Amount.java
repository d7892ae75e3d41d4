package io.github.kcconsent.openbanking.payments.validation;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A payment amount in reais. The request's own string is kept next to the number because the payment must
 * later repeat it exactly, and a round trip through a number could change its spelling (leading zeros).
 */
public record Amount(String text, BigDecimal value) {

    public Amount {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(value, "value");
        if (value.scale() != 2) {
            throw new IllegalArgumentException("an amount has two decimal places");
        }
    }

    /** @param text already checked against the spec's pattern (digits, a point, two digits) */
    static Amount of(String text) {
        return new Amount(text, new BigDecimal(text));
    }
}
