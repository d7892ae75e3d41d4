package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.store.ConsentCount;

/** How many consents of the realm have this type and stored status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentCountRepresentation(
        @JsonProperty("type") String type,
        @JsonProperty("status") String status,
        @JsonProperty("count") long count) {

    public static ConsentCountRepresentation of(ConsentCount count) {
        return new ConsentCountRepresentation(count.type().name(), count.status().name(), count.count());
    }
}
