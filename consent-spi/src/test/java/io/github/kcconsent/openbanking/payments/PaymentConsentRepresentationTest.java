package io.github.kcconsent.openbanking.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcconsent.accounts.PixAccount;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentData;
import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

class PaymentConsentRepresentationTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T15:00:00.750Z");
    /** Creation + the 5-minute authorisation window. */
    private static final Instant DEADLINE = CREATED.plusSeconds(300);
    private static final Instant AUTHORISED_AT = CREATED.plusSeconds(120);
    /** Authorisation + the 60-minute consumption window. */
    private static final Instant CONSUMABLE_UNTIL = AUTHORISED_AT.plusSeconds(3600);

    private static final String DETAILS = """
            {"loggedUser":{"document":{"identification":"52998224725","rel":"CPF"}},
             "creditor":{"personType":"PESSOA_JURIDICA","cpfCnpj":"58764789000137","name":"Padaria"},
             "payment":{"type":"PIX","date":"2026-03-01","currency":"BRL","amount":"100.12",
               "details":{"localInstrument":"DICT","proxy":"12345678901",
                 "creditorAccount":{"ispb":"12345678","issuer":"1774","number":"1234567890","accountType":"CACC"}}}}
            """;
    private static final String WITH_DEBTOR = PaymentConsentData.withDebtorAccount(DETAILS,
            new PixAccount("87654321", "1", "99999", "CACC"));

    @Test
    void anAwaitingConsentShowsItsPartnersDataAndExpiresAtTheEndOfTheAuthorisationWindow() {
        Consent awaiting = consent(ConsentStatus.AWAITING_AUTHORISATION, CREATED, null, null, DETAILS);
        PaymentConsentView view = PaymentConsentRepresentation.of(awaiting, CREATED.plusSeconds(10));

        assertEquals("urn:bank:1", view.consentId());
        assertEquals("AWAITING_AUTHORISATION", view.status());
        assertEquals("2026-03-01T15:00:00Z", view.creationDateTime(), "whole seconds");
        assertEquals("2026-03-01T15:05:00Z", view.expirationDateTime(), "creation + authorisation window");
        assertEquals("2026-03-01T15:00:00Z", view.statusUpdateDateTime());
        ObjectNode stored = PaymentConsentData.tree(DETAILS);
        assertEquals(stored.get("loggedUser"), view.loggedUser());
        assertEquals(stored.get("creditor"), view.creditor());
        assertEquals(stored.get("payment"), view.payment());
        assertNull(view.businessEntity());
        assertNull(view.debtorAccount());
        assertNull(view.rejectionReason());
    }

    @Test
    void anAwaitingConsentAtItsDeadlineIsRejectedWithTheAuthorisationTimeout() {
        Consent awaiting = consent(ConsentStatus.AWAITING_AUTHORISATION, CREATED, null, null, DETAILS);
        for (Instant now : List.of(DEADLINE, DEADLINE.plusSeconds(3600))) {
            PaymentConsentView view = PaymentConsentRepresentation.of(awaiting, now);
            assertEquals("REJECTED", view.status(), "before the sweeper records it");
            assertEquals("TEMPO_EXPIRADO_AUTORIZACAO", view.rejectionReason().code());
            assertEquals(RejectionDetails.of(RejectionReason.TEMPO_EXPIRADO_AUTORIZACAO, null),
                    view.rejectionReason().detail());
            assertEquals("2026-03-01T15:05:00Z", view.expirationDateTime());
            assertEquals("2026-03-01T15:05:00Z", view.statusUpdateDateTime(), "it changed when its window ended");
        }
        assertEquals("AWAITING_AUTHORISATION",
                PaymentConsentRepresentation.of(awaiting, DEADLINE.minusMillis(1)).status(), "a moment before");
    }

    @Test
    void anAuthorisedConsentExpiresAtTheEndOfTheConsumptionWindowAndShowsTheChosenAccount() {
        Consent authorised = consent(ConsentStatus.AUTHORISED, AUTHORISED_AT, CONSUMABLE_UNTIL, null, WITH_DEBTOR);
        PaymentConsentView view = PaymentConsentRepresentation.of(authorised, AUTHORISED_AT.plusSeconds(60));

        assertEquals("AUTHORISED", view.status());
        assertEquals("2026-03-01T15:02:00Z", view.statusUpdateDateTime());
        assertEquals("2026-03-01T16:02:00Z", view.expirationDateTime(), "statusUpdateDateTime + consumption window");
        assertEquals(PaymentConsentData.tree(WITH_DEBTOR).get("debtorAccount"), view.debtorAccount());
        assertEquals("87654321", view.debtorAccount().path("ispb").asText());
        assertNull(view.rejectionReason());
    }

    @Test
    void anAuthorisedConsentPastItsConsumptionWindowIsRejectedWithTheConsumptionTimeout() {
        Consent authorised = consent(ConsentStatus.AUTHORISED, AUTHORISED_AT, CONSUMABLE_UNTIL, null, WITH_DEBTOR);
        PaymentConsentView view = PaymentConsentRepresentation.of(authorised, CONSUMABLE_UNTIL.plusSeconds(1));

        assertEquals("REJECTED", view.status());
        assertEquals("TEMPO_EXPIRADO_CONSUMO", view.rejectionReason().code());
        assertEquals(RejectionDetails.of(RejectionReason.TEMPO_EXPIRADO_CONSUMO, null), view.rejectionReason().detail());
        assertEquals("2026-03-01T16:02:00Z", view.expirationDateTime());
        assertEquals("2026-03-01T16:02:00Z", view.statusUpdateDateTime());
        assertEquals("87654321", view.debtorAccount().path("ispb").asText(), "the chosen account stays shown");
    }

    @Test
    void aStoredRejectionShowsItsCodeAndTheBanksInformation() {
        Instant rejectedAt = CREATED.plusSeconds(30);
        Consent rejected = consent(ConsentStatus.REJECTED, rejectedAt, null,
                new Rejection(RejectedBy.USER, RejectionReason.REJEITADO_USUARIO), DETAILS);
        PaymentConsentView view = PaymentConsentRepresentation.of(rejected, DEADLINE.plusSeconds(3600));
        assertEquals("REJECTED", view.status());
        assertEquals("REJEITADO_USUARIO", view.rejectionReason().code());
        assertEquals(RejectionDetails.of(RejectionReason.REJEITADO_USUARIO, null), view.rejectionReason().detail());
        assertEquals("2026-03-01T15:00:30Z", view.statusUpdateDateTime(), "when it was rejected, not a window's end");
        assertEquals("2026-03-01T15:05:00Z", view.expirationDateTime(), "the window it was in");

        Consent withInformation = consent(ConsentStatus.REJECTED, rejectedAt, null,
                new Rejection(RejectedBy.ASPSP, RejectionReason.SALDO_INSUFICIENTE, "Saldo insuficiente na conta."),
                DETAILS);
        assertEquals("Saldo insuficiente na conta.",
                PaymentConsentRepresentation.of(withInformation, rejectedAt).rejectionReason().detail());
    }

    @Test
    void aConsumedConsentIsConsumedEvenAfterItsWindow() {
        Consent consumed = consent(ConsentStatus.CONSUMED, AUTHORISED_AT.plusSeconds(5), CONSUMABLE_UNTIL, null,
                WITH_DEBTOR);
        PaymentConsentView view = PaymentConsentRepresentation.of(consumed, CONSUMABLE_UNTIL.plusSeconds(3600));
        assertEquals("CONSUMED", view.status());
        assertNull(view.rejectionReason());
        assertEquals("2026-03-01T15:02:05Z", view.statusUpdateDateTime());
        assertEquals("2026-03-01T16:02:00Z", view.expirationDateTime());
    }

    @Test
    void absentMembersAreLeftOutOfTheSignedBodyNotSentAsNull() {
        Consent awaiting = consent(ConsentStatus.AWAITING_AUTHORISATION, CREATED, null, null, DETAILS);
        // The mapper MessageSigner turns the answer into claims with.
        JsonNode json = JsonSerialization.mapper.valueToTree(PaymentConsentRepresentation.of(awaiting, CREATED));
        assertFalse(json.has("rejectionReason"));
        assertFalse(json.has("debtorAccount"));
        assertFalse(json.has("businessEntity"));
        assertTrue(json.path("creditor").isObject());

        Consent expired = consent(ConsentStatus.AWAITING_AUTHORISATION, CREATED, null, null, DETAILS);
        JsonNode rejected = JsonSerialization.mapper.valueToTree(PaymentConsentRepresentation.of(expired, DEADLINE));
        assertEquals("TEMPO_EXPIRADO_AUTORIZACAO", rejected.path("rejectionReason").path("code").asText());
        assertTrue(rejected.path("rejectionReason").path("detail").isTextual());
    }

    /** A payment consent created at {@link #CREATED} with its 5-minute window, last changed at {@code statusAt}. */
    private static Consent consent(ConsentStatus status, Instant statusAt, Instant expiresAt, Rejection rejection,
                                   String details) {
        return new Consent("urn:bank:1", "realm", "client", status == ConsentStatus.AWAITING_AUTHORISATION ? null : "user",
                ConsentType.PAYMENT, ConsentOrigin.OPEN_FINANCE_API, status, List.of(PaymentConsentData.PERMISSION),
                List.of(), CREATED, statusAt, expiresAt, DEADLINE, "52998224725", null, null, details, rejection, 1, null);
    }
}
