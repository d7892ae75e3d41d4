package io.github.kcconsent.backoffice.representation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET …/consents}: one page of summaries; a page past the end has an empty {@code data}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentPageRepresentation(
        @JsonProperty("data") List<ConsentSummaryRepresentation> data,
        @JsonProperty("meta") PageMetaRepresentation meta) {

    /** The answer when a filter names a partner or user that does not exist: nothing can match. */
    public static ConsentPageRepresentation empty(int page, int pageSize) {
        return new ConsentPageRepresentation(List.of(), PageMetaRepresentation.of(0, true, page, pageSize));
    }
}
