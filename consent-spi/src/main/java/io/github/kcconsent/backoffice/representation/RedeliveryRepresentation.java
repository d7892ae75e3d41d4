package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to a redelivery request: the event (same id as before) is due again. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RedeliveryRepresentation(
        @JsonProperty("eventId") String eventId,
        @JsonProperty("state") String state) {

    /** The state a redelivered event is in until the dispatcher picks it up. */
    public static final String PENDING = "PENDING";

    public static RedeliveryRepresentation pending(String eventId) {
        return new RedeliveryRepresentation(eventId, PENDING);
    }
}
