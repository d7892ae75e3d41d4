package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.consent.Rejection;

/** Why and by whom a consent ended. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RejectionRepresentation(
        @JsonProperty("rejectedBy") String rejectedBy,
        @JsonProperty("reason") String reason,
        @JsonProperty("additionalInformation") String additionalInformation) {

    /** Null for a consent that has not ended, so the detail leaves {@code rejection} out. */
    public static RejectionRepresentation of(Rejection rejection) {
        if (rejection == null) {
            return null;
        }
        return new RejectionRepresentation(rejection.rejectedBy().name(), rejection.reason().name(),
                rejection.additionalInformation());
    }
}
