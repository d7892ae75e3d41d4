package io.github.kcconsent.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reads never report a consent as valid after its time, whether or not the sweeper has run. */
class ConsentEffectiveStatusTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Consent consent(ConsentType type, ConsentStatus status, Instant expiresAt, Instant deadline) {
        return new Consent("urn:bank:1", "realm", "client", "user", type, ConsentOrigin.OPEN_FINANCE_API, status,
                List.of("ACCOUNTS_READ"), List.of(), T0, T0, expiresAt, deadline, null, null, null, null, null, 0, null);
    }

    @Test
    void awaitingConsentPastItsWindowReadsAsExpired() {
        Consent c = consent(ConsentType.DATA_SHARING, ConsentStatus.AWAITING_AUTHORISATION, null, T0.plusSeconds(3600));

        assertEquals(ConsentStatus.AWAITING_AUTHORISATION, c.effectiveStatus(T0.plusSeconds(3599)));
        assertNull(c.effectiveRejection(T0.plusSeconds(3599)));
        assertEquals(ConsentStatus.REJECTED, c.effectiveStatus(T0.plusSeconds(3600)));
        assertEquals(RejectionReason.CONSENT_EXPIRED, c.effectiveRejection(T0.plusSeconds(3600)).reason());
        assertEquals(RejectedBy.ASPSP, c.effectiveRejection(T0.plusSeconds(3600)).rejectedBy());
    }

    @Test
    void authorisedConsentPastExpirationIsNotActive() {
        Consent c = consent(ConsentType.DATA_SHARING, ConsentStatus.AUTHORISED, T0.plusSeconds(60), T0.plusSeconds(3600));

        assertTrue(c.isActive(T0.plusSeconds(59)));
        assertFalse(c.isActive(T0.plusSeconds(60)));
        assertEquals(RejectionReason.CONSENT_MAX_DATE_REACHED, c.effectiveRejection(T0.plusSeconds(61)).reason());
    }

    @Test
    void indeterminateConsentStaysActive() {
        Consent c = consent(ConsentType.DATA_SHARING, ConsentStatus.AUTHORISED, null, T0.plusSeconds(3600));

        assertTrue(c.isActive(T0.plusSeconds(3600L * 24 * 365 * 10)));
    }

    @Test
    void paymentExpiryUsesPaymentCodes() {
        Consent c = consent(ConsentType.PAYMENT, ConsentStatus.AWAITING_AUTHORISATION, null, T0.plusSeconds(300));

        assertEquals(RejectionReason.TEMPO_EXPIRADO_AUTORIZACAO, c.effectiveRejection(T0.plusSeconds(301)).reason());
    }
}
