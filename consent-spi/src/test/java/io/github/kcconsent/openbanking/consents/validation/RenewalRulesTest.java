package io.github.kcconsent.openbanking.consents.validation;

import java.time.Instant;
import io.github.kcconsent.openbanking.api.ApiError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RenewalRulesTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Instant IN_A_MONTH = Instant.parse("2026-04-01T12:00:00Z");

    private static void refused(Instant current, Instant requested) {
        ApiError e = assertThrows(ApiError.class, () -> RenewalRules.check(current, requested, NOW));
        assertEquals("DATA_EXPIRACAO_INVALIDA", e.code());
    }

    @Test
    void laterDatesUpToTwelveMonthsAndIndeterminateAreAccepted() {
        assertDoesNotThrow(() -> RenewalRules.check(IN_A_MONTH, Instant.parse("2026-05-01T00:00:00Z"), NOW));
        assertDoesNotThrow(() -> RenewalRules.check(IN_A_MONTH, Instant.parse("2027-03-01T12:00:00Z"), NOW),
                "exactly twelve months");
        assertDoesNotThrow(() -> RenewalRules.check(IN_A_MONTH, null, NOW));
        assertDoesNotThrow(() -> RenewalRules.check(null, null, NOW));
    }

    @Test
    void earlierPastTooLateOrShorteningDatesAreRefused() {
        refused(IN_A_MONTH, IN_A_MONTH);
        refused(IN_A_MONTH, Instant.parse("2026-03-15T00:00:00Z"));
        refused(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-15T00:00:00Z"));
        refused(IN_A_MONTH, Instant.parse("2027-03-01T12:00:01Z"));
        refused(null, Instant.parse("2026-05-01T00:00:00Z"));
    }
}
