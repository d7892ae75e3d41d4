package io.github.kcconsent.store;

import java.util.Objects;

/**
 * What verifying one consent's sealed history found. {@code verified} is true only when every entry's seal
 * matches its content, every entry chains to the one before, the consent row names the newest entry as its head
 * and its status is the one the newest entry moved it to. Otherwise {@code problem} says what is wrong first and
 * {@code atSequence} where (the entry's sequence; for {@link HistoryProblem#HEAD_MISMATCH} and
 * {@link HistoryProblem#STATUS_MISMATCH} the newest entry's). {@code sealedLate} counts entries written before
 * sealing existed and sealed by the migration: their seal protects them from then on, not from before.
 */
public record HistoryVerification(String consentId, int entries, int sealedLate, boolean verified,
                                  HistoryProblem problem, Long atSequence) {

    public HistoryVerification {
        Objects.requireNonNull(consentId, "consentId");
        if (verified != (problem == null)) {
            throw new IllegalArgumentException("a verified history has no problem, and an unverified one has one");
        }
    }

    public static HistoryVerification ok(String consentId, int entries, int sealedLate) {
        return new HistoryVerification(consentId, entries, sealedLate, true, null, null);
    }

    public static HistoryVerification broken(String consentId, int entries, int sealedLate, HistoryProblem problem,
                                             Long atSequence) {
        return new HistoryVerification(consentId, entries, sealedLate, false, Objects.requireNonNull(problem), atSequence);
    }
}
