package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The paging of a search result.
 *
 * @param totalRecords      exact when {@code totalRecordsExact}, otherwise a lower bound ("at least")
 * @param totalPages        computed from {@code totalRecords}, so likewise a lower bound when it is
 * @param page              the requested page, from 1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageMetaRepresentation(
        @JsonProperty("totalRecords") long totalRecords,
        @JsonProperty("totalRecordsExact") boolean totalRecordsExact,
        @JsonProperty("totalPages") long totalPages,
        @JsonProperty("page") int page,
        @JsonProperty("pageSize") int pageSize) {

    public static PageMetaRepresentation of(long totalRecords, boolean totalRecordsExact, int page, int pageSize) {
        return new PageMetaRepresentation(totalRecords, totalRecordsExact, (totalRecords + pageSize - 1) / pageSize,
                page, pageSize);
    }
}
