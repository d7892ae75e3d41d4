package io.github.kcconsent.backoffice.representation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.store.ConsentCount;

/**
 * {@code GET …/consents/counts}: one row per type and stored status, and their sum, so a dashboard needs no
 * arithmetic of its own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentCountsRepresentation(
        @JsonProperty("total") long total,
        @JsonProperty("counts") List<ConsentCountRepresentation> counts) {

    public static ConsentCountsRepresentation of(List<ConsentCount> counts) {
        return new ConsentCountsRepresentation(counts.stream().mapToLong(ConsentCount::count).sum(),
                counts.stream().map(ConsentCountRepresentation::of).toList());
    }
}
