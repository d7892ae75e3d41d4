package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to an erasure: whose consents, and how many had their personal data erased by this call. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErasureRepresentation(
        @JsonProperty("userId") String userId,
        @JsonProperty("erasedConsents") int erasedConsents) {
}
