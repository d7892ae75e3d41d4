package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.consent.ConsentedResource;

/** An account (or other resource) the customer selected, with the masked label they saw. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentResourceRepresentation(
        @JsonProperty("resourceId") String resourceId,
        @JsonProperty("type") String type,
        @JsonProperty("label") String label) {

    public static ConsentResourceRepresentation of(ConsentedResource resource) {
        return new ConsentResourceRepresentation(resource.resourceId(), resource.type(), resource.label());
    }
}
