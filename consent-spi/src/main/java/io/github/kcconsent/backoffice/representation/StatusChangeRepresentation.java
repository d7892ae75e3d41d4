package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.consent.StatusChange;

/**
 * One entry of a consent's status history.
 *
 * @param from  absent for the creation entry
 * @param actor {@code user:<id>}, {@code client:<clientId>}, {@code admin:<id>} or {@code system:<task>}
 * @param seal  the entry's tamper-evident seal, which receipts name as {@code history_seal}; absent until sealed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusChangeRepresentation(
        @JsonProperty("from") String from,
        @JsonProperty("to") String to,
        @JsonProperty("at") String at,
        @JsonProperty("actor") String actor,
        @JsonProperty("channel") String channel,
        @JsonProperty("reason") String reason,
        @JsonProperty("additionalInformation") String additionalInformation,
        @JsonProperty("sequence") long sequence,
        @JsonProperty("seal") String seal) {

    public static StatusChangeRepresentation of(StatusChange change) {
        return new StatusChangeRepresentation(
                change.from() == null ? null : change.from().name(),
                change.to().name(),
                Timestamps.iso(change.at()),
                change.actor().asString(),
                change.channel().name(),
                change.reason() == null ? null : change.reason().name(),
                change.additionalInformation(),
                change.sequence(),
                change.seal());
    }
}
