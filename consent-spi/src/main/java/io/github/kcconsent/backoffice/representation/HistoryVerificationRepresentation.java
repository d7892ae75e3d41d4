package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.store.HistoryVerification;

/**
 * One consent's history verification: {@code verified}, how many entries were checked and how many of them were
 * sealed late (written before sealing existed), and otherwise the first {@code problem} and the {@code sequence}
 * of the entry it was found at.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryVerificationRepresentation(
        @JsonProperty("consentId") String consentId,
        @JsonProperty("verified") boolean verified,
        @JsonProperty("entries") int entries,
        @JsonProperty("sealedLate") int sealedLate,
        @JsonProperty("problem") String problem,
        @JsonProperty("sequence") Long sequence) {

    public static HistoryVerificationRepresentation of(HistoryVerification v) {
        return new HistoryVerificationRepresentation(v.consentId(), v.verified(), v.entries(), v.sealedLate(),
                v.problem() == null ? null : v.problem().name(), v.atSequence());
    }
}
