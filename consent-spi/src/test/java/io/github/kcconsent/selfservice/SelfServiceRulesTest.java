package io.github.kcconsent.selfservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import org.junit.jupiter.api.Test;

class SelfServiceRulesTest {

    private static final Instant NOW = Instant.parse("2026-04-02T10:00:00Z");

    private static Consent consent(ConsentType type, ConsentStatus status, String userId, Instant expiresAt,
                                   Instant deadline) {
        return new Consent("urn:consent-demo:1", "realm", "client-id", userId, type, ConsentOrigin.CONSENT_LINK,
                status, List.of(), List.of(), NOW.minusSeconds(3600), NOW.minusSeconds(3600), expiresAt, deadline,
                null, null, null, null, null, 0, null);
    }

    private static Consent consent(ConsentStatus status) {
        return consent(ConsentType.DATA_SHARING, status, "maria-id", null, null);
    }

    @Test
    void aConsentBelongsOnlyToTheCustomerItWasGrantedBy() {
        Consent maria = consent(ConsentStatus.AUTHORISED);

        assertTrue(SelfServiceRules.belongsTo(maria, "maria-id"));
        assertFalse(SelfServiceRules.belongsTo(maria, "joao-id"));
        assertFalse(SelfServiceRules.belongsTo(maria, null));
        assertFalse(SelfServiceRules.belongsTo(maria, "MARIA-ID"), "ids are compared exactly");
    }

    @Test
    void aConsentNoCustomerHasTakenUpYetBelongsToNobody() {
        Consent unclaimed = consent(ConsentType.DATA_SHARING, ConsentStatus.AWAITING_AUTHORISATION, null, null, null);

        assertFalse(SelfServiceRules.belongsTo(unclaimed, "maria-id"));
        assertFalse(SelfServiceRules.belongsTo(unclaimed, null));
    }

    @Test
    void authorisedAndAwaitingConsentsCanBeRevoked() {
        assertTrue(SelfServiceRules.isRevocable(consent(ConsentStatus.AUTHORISED), NOW));
        assertTrue(SelfServiceRules.isRevocable(consent(ConsentStatus.AWAITING_AUTHORISATION), NOW));
    }

    @Test
    void endedConsentsHaveNothingLeftToRevoke() {
        assertFalse(SelfServiceRules.isRevocable(consent(ConsentStatus.REJECTED), NOW));
        assertFalse(SelfServiceRules.isRevocable(
                consent(ConsentType.PAYMENT, ConsentStatus.CONSUMED, "maria-id", null, null), NOW));
    }

    @Test
    void aConsentPastItsTimeIsNoLongerRevocableEvenBeforeTheSweeperMovesIt() {
        assertFalse(SelfServiceRules.isRevocable(consent(ConsentType.DATA_SHARING, ConsentStatus.AUTHORISED,
                "maria-id", NOW, null), NOW), "expired at this very instant");
        assertTrue(SelfServiceRules.isRevocable(consent(ConsentType.DATA_SHARING, ConsentStatus.AUTHORISED,
                "maria-id", NOW.plusMillis(1), null), NOW));
        assertFalse(SelfServiceRules.isRevocable(consent(ConsentType.DATA_SHARING,
                ConsentStatus.AWAITING_AUTHORISATION, "maria-id", null, NOW.minusSeconds(1)), NOW),
                "past its authorisation deadline");
    }

    @Test
    void theCustomersRevocationIsRecordedAsTheirsWithTheCodeTheSpecGivesIt() {
        assertEquals(new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REVOKED),
                SelfServiceRules.customerRevocation(consent(ConsentStatus.AUTHORISED), NOW));
        assertEquals(new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REJECTED),
                SelfServiceRules.customerRevocation(consent(ConsentStatus.AWAITING_AUTHORISATION), NOW));
        assertEquals(new Rejection(RejectedBy.USER, RejectionReason.REJEITADO_USUARIO),
                SelfServiceRules.customerRevocation(
                        consent(ConsentType.PAYMENT, ConsentStatus.AUTHORISED, "maria-id", null, null), NOW));
    }

    @Test
    void aPaymentConsentIsNeverRevocableByTheCustomerWhateverItsStatus() {
        for (ConsentStatus status : ConsentStatus.values()) {
            assertFalse(SelfServiceRules.isRevocable(consent(ConsentType.PAYMENT, status, "maria-id", null, null), NOW),
                    status.name());
        }
    }
}
