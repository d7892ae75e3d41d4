package io.github.kcconsent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.RejectionReason;
import org.junit.jupiter.api.Test;

class ConsentEventNamesTest {

    @Test
    void aNewConsentIsCreatedAndTheForwardTransitionsAreNamedAfterTheirTarget() {
        assertEquals("created", ConsentEventNames.of(null, ConsentStatus.AWAITING_AUTHORISATION, null));
        assertEquals("authorised", ConsentEventNames.of(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.AUTHORISED, null));
        assertEquals("consumed", ConsentEventNames.of(ConsentStatus.AUTHORISED, ConsentStatus.CONSUMED, null));
    }

    @Test
    void endingByTimeIsExpiredWhateverTheStatusAndTheType() {
        assertEquals("expired", ConsentEventNames.of(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.REJECTED,
                RejectionReason.CONSENT_EXPIRED));
        assertEquals("expired", ConsentEventNames.of(ConsentStatus.AUTHORISED, ConsentStatus.REJECTED,
                RejectionReason.CONSENT_MAX_DATE_REACHED));
        assertEquals("expired", ConsentEventNames.of(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.REJECTED,
                RejectionReason.TEMPO_EXPIRADO_AUTORIZACAO));
        assertEquals("expired", ConsentEventNames.of(ConsentStatus.AUTHORISED, ConsentStatus.REJECTED,
                RejectionReason.TEMPO_EXPIRADO_CONSUMO));
    }

    @Test
    void anAuthorisedConsentEndedOtherwiseIsRevokedAndAnAwaitingOneRejected() {
        assertEquals("revoked", ConsentEventNames.of(ConsentStatus.AUTHORISED, ConsentStatus.REJECTED,
                RejectionReason.CUSTOMER_MANUALLY_REVOKED));
        assertEquals("revoked", ConsentEventNames.of(ConsentStatus.AUTHORISED, ConsentStatus.REJECTED,
                RejectionReason.INTERNAL_SECURITY_REASON));
        assertEquals("rejected", ConsentEventNames.of(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.REJECTED,
                RejectionReason.CUSTOMER_MANUALLY_REJECTED));
        assertEquals("rejected", ConsentEventNames.of(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.REJECTED,
                RejectionReason.REJEITADO_USUARIO));
    }
}
