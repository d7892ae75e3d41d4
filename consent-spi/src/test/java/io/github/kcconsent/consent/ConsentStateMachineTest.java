package io.github.kcconsent.consent;

import static io.github.kcconsent.consent.ConsentStatus.AUTHORISED;
import static io.github.kcconsent.consent.ConsentStatus.AWAITING_AUTHORISATION;
import static io.github.kcconsent.consent.ConsentStatus.CONSUMED;
import static io.github.kcconsent.consent.ConsentStatus.REJECTED;
import static io.github.kcconsent.consent.ConsentType.DATA_SHARING;
import static io.github.kcconsent.consent.ConsentType.PAYMENT;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConsentStateMachineTest {

    private final ConsentStateMachine machine = new ConsentStateMachine();

    private static Rejection by(RejectedBy who, RejectionReason reason) {
        return new Rejection(who, reason);
    }

    @Test
    void awaitingConsentCanBeAuthorised() {
        assertDoesNotThrow(() -> machine.check(DATA_SHARING, AWAITING_AUTHORISATION, AUTHORISED, null));
    }

    @Test
    void awaitingConsentCanBeRejectedOrExpire() {
        assertDoesNotThrow(() -> machine.check(DATA_SHARING, AWAITING_AUTHORISATION, REJECTED,
                by(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REJECTED)));
        assertDoesNotThrow(() -> machine.check(DATA_SHARING, AWAITING_AUTHORISATION, REJECTED,
                by(RejectedBy.ASPSP, RejectionReason.CONSENT_EXPIRED)));
    }

    @Test
    void authorisedConsentCanBeRevokedOrReachItsMaxDate() {
        assertDoesNotThrow(() -> machine.check(DATA_SHARING, AUTHORISED, REJECTED,
                by(RejectedBy.TPP, RejectionReason.CUSTOMER_MANUALLY_REVOKED)));
        assertDoesNotThrow(() -> machine.check(DATA_SHARING, AUTHORISED, REJECTED,
                by(RejectedBy.ASPSP, RejectionReason.CONSENT_MAX_DATE_REACHED)));
    }

    @Test
    void revocationReasonCannotEndAnAwaitingConsent() {
        var e = assertThrows(IllegalConsentTransitionException.class, () -> machine.check(DATA_SHARING,
                AWAITING_AUTHORISATION, REJECTED, by(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REVOKED)));
        assertEquals(AWAITING_AUTHORISATION, e.from());
        assertEquals(REJECTED, e.to());
    }

    @Test
    void rejectedNeedsARejectionAndOthersMustNotHaveOne() {
        assertThrows(IllegalConsentTransitionException.class,
                () -> machine.check(DATA_SHARING, AWAITING_AUTHORISATION, REJECTED, null));
        assertThrows(IllegalConsentTransitionException.class, () -> machine.check(DATA_SHARING,
                AWAITING_AUTHORISATION, AUTHORISED, by(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REJECTED)));
    }

    @ParameterizedTest
    @EnumSource(ConsentStatus.class)
    void finalStatesAllowNothing(ConsentStatus to) {
        for (ConsentStatus from : new ConsentStatus[] {REJECTED, CONSUMED}) {
            assertThrows(IllegalConsentTransitionException.class, () -> machine.check(PAYMENT, from, to,
                    to == REJECTED ? by(RejectedBy.USER, RejectionReason.REJEITADO_USUARIO) : null));
        }
    }

    @Test
    void nothingGoesBackToAwaitingOrStaysWhereItIs() {
        assertThrows(IllegalConsentTransitionException.class,
                () -> machine.check(DATA_SHARING, AUTHORISED, AWAITING_AUTHORISATION, null));
        assertThrows(IllegalConsentTransitionException.class,
                () -> machine.check(DATA_SHARING, AUTHORISED, AUTHORISED, null));
    }

    @Test
    void onlyAuthorisedPaymentConsentsAreConsumed() {
        assertDoesNotThrow(() -> machine.check(PAYMENT, AUTHORISED, CONSUMED, null));
        assertThrows(IllegalConsentTransitionException.class, () -> machine.check(DATA_SHARING, AUTHORISED, CONSUMED, null));
        assertThrows(IllegalConsentTransitionException.class, () -> machine.check(PAYMENT, AWAITING_AUTHORISATION, CONSUMED, null));
    }

    @Test
    void reasonsBelongToTheirConsentType() {
        assertThrows(IllegalConsentTransitionException.class, () -> machine.check(DATA_SHARING,
                AWAITING_AUTHORISATION, REJECTED, by(RejectedBy.USER, RejectionReason.REJEITADO_USUARIO)));
        assertThrows(IllegalConsentTransitionException.class, () -> machine.check(PAYMENT,
                AWAITING_AUTHORISATION, REJECTED, by(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REJECTED)));
        assertDoesNotThrow(() -> machine.check(PAYMENT, AWAITING_AUTHORISATION, REJECTED,
                by(RejectedBy.ASPSP, RejectionReason.TEMPO_EXPIRADO_AUTORIZACAO)));
    }

    @Test
    void expiryReasonsFollowTheSpec() {
        assertEquals(RejectionReason.CONSENT_EXPIRED, RejectionReason.expiryOf(DATA_SHARING, AWAITING_AUTHORISATION));
        assertEquals(RejectionReason.CONSENT_MAX_DATE_REACHED, RejectionReason.expiryOf(DATA_SHARING, AUTHORISED));
        assertEquals(RejectionReason.TEMPO_EXPIRADO_AUTORIZACAO, RejectionReason.expiryOf(PAYMENT, AWAITING_AUTHORISATION));
        assertEquals(RejectionReason.TEMPO_EXPIRADO_CONSUMO, RejectionReason.expiryOf(PAYMENT, AUTHORISED));
        for (ConsentType type : ConsentType.values()) {
            for (ConsentStatus from : new ConsentStatus[] {AWAITING_AUTHORISATION, AUTHORISED}) {
                RejectionReason reason = RejectionReason.expiryOf(type, from);
                assertDoesNotThrow(() -> machine.check(type, from, REJECTED, by(RejectedBy.ASPSP, reason)));
            }
        }
    }

    @Test
    void additionalInformationFollowsTheSpecLimits() {
        assertThrows(IllegalArgumentException.class,
                () -> new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REVOKED, "x".repeat(141)));
        assertThrows(IllegalArgumentException.class,
                () -> new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REVOKED, " padded"));
        assertEquals("ok", new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REVOKED, "ok").additionalInformation());
        assertTrue(RejectionReason.CONSENT_TECHNICAL_ISSUE.mayEnd(AUTHORISED));
    }
}
