package io.github.kcconsent.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentEvent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.ConsentedResource;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.consent.StatusChange;
import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

class ReceiptClaimsTest {

    private static final Instant CREATED = Instant.parse("2026-04-01T10:00:00.500Z");
    private static final Instant CHANGED = Instant.parse("2026-04-01T10:05:00.900Z");
    private static final Instant NOW = Instant.parse("2026-04-01T10:05:01Z");
    private static final String CPF = "52998224725";

    @Test
    void aRevocationReceiptSaysWhatWasConsentedAndHowItEndedWithoutPersonalData() throws Exception {
        Consent revoked = consent(ConsentStatus.REJECTED, new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REVOKED, "secret note"));
        StatusChange entry = new StatusChange(ConsentStatus.AUTHORISED, ConsentStatus.REJECTED, CHANGED, Actor.user("u-1"),
                Channel.SELF_SERVICE, RejectionReason.CUSTOMER_MANUALLY_REVOKED, "secret note", 2, "seal-2");

        ReceiptClaims claims = ReceiptClaims.of("r-1", NOW, "bank", "demo-partner", revoked, ConsentEvent.REVOKED, entry);
        String json = JsonSerialization.writeValueAsString(claims);
        @SuppressWarnings("unchecked")
        Map<String, Object> read = JsonSerialization.readValue(json, Map.class);

        assertEquals("r-1", read.get("jti"));
        assertEquals((int) NOW.getEpochSecond(), read.get("iat"));
        assertEquals("urn:bank:c-1", read.get("consent_id"));
        assertEquals("demo-partner", read.get("client_id"));
        assertEquals("u-1", read.get("sub"));
        assertEquals("REVOKED", read.get("event"));
        assertEquals("REJECTED", read.get("status"));
        assertEquals((int) CHANGED.getEpochSecond(), read.get("event_at"));
        assertEquals(Map.of("rejected_by", "USER", "reason", "CUSTOMER_MANUALLY_REVOKED"), read.get("rejection"));
        assertEquals(List.of(Map.of("id", "acc-1", "type", "CONTA")), read.get("resources"));
        assertEquals("seal-2", read.get("history_seal"));
        assertEquals(2, read.get("history_sequence"));
        assertNull(read.get("expires_at"), "indeterminate: absent, not null");
        for (String personal : List.of(CPF, "Conta •••• 1234", "s-42", "secret note", "Pix")) {
            assertFalse(json.contains(personal), personal + " must not be in " + json);
        }
    }

    @Test
    void aRenewalHappensNowAndNamesTheNewestEntry() {
        Consent authorised = consent(ConsentStatus.AUTHORISED, null);
        StatusChange newest = new StatusChange(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.AUTHORISED, CHANGED,
                Actor.user("u-1"), Channel.CONSENT_LINK, null, null, 1, "seal-1");

        ReceiptClaims claims = ReceiptClaims.of("r-2", NOW, "bank", "demo-partner", authorised, ConsentEvent.RENEWED, newest);

        assertEquals(NOW.getEpochSecond(), claims.eventAt());
        assertEquals("seal-1", claims.historySeal());
        assertNull(claims.rejection());
    }

    private static Consent consent(ConsentStatus status, Rejection rejection) {
        return new Consent("urn:bank:c-1", "realm", "client-internal", "u-1", ConsentType.DATA_SHARING,
                ConsentOrigin.OPEN_FINANCE_API, status, List.of("ACCOUNTS_READ"),
                List.of(new ConsentedResource("acc-1", "CONTA", "Conta •••• 1234")), CREATED, CHANGED, null, null,
                CPF, null, "{\"user_session\":\"s-42\"}", "{\"creditor\":\"Pix\"}", rejection, 2, null);
    }
}
