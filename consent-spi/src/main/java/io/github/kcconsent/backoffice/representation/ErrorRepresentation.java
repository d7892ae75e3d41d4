package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Every back-office error body: an OAuth-style code and a sentence for the person reading it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorRepresentation(
        @JsonProperty("error") String error,
        @JsonProperty("error_description") String errorDescription) {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String NOT_FOUND = "not_found";
    public static final String INVALID_STATUS = "invalid_status";
    public static final String CONCURRENT_UPDATE = "concurrent_update";
    /** A payment's values differ from its consent's (consumption with a body to compare). */
    public static final String PAYMENT_MISMATCH = "payment_mismatch";
    /** An immediate payment's day has ended in Brasília time before its consent was consumed. */
    public static final String PAYMENT_DATE_PASSED = "payment_date_passed";
}
