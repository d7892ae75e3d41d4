package io.github.kcconsent.consent;

import java.util.Objects;

/**
 * Why and by whom a consent ended. {@code additionalInformation} follows the spec: at most 140 characters,
 * no leading or trailing white space.
 */
public record Rejection(RejectedBy rejectedBy, RejectionReason reason, String additionalInformation) {

    public static final int MAX_ADDITIONAL_INFORMATION = 140;

    public Rejection {
        Objects.requireNonNull(rejectedBy, "rejectedBy");
        Objects.requireNonNull(reason, "reason");
        if (additionalInformation != null) {
            if (additionalInformation.isBlank()) {
                additionalInformation = null;
            } else if (additionalInformation.length() > MAX_ADDITIONAL_INFORMATION
                    || !additionalInformation.equals(additionalInformation.strip())) {
                throw new IllegalArgumentException("additionalInformation must be at most "
                        + MAX_ADDITIONAL_INFORMATION + " characters without leading or trailing white space");
            }
        }
    }

    public Rejection(RejectedBy rejectedBy, RejectionReason reason) {
        this(rejectedBy, reason, null);
    }
}
