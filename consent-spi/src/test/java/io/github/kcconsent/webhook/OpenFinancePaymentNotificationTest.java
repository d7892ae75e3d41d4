package io.github.kcconsent.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.util.JsonSerialization;

/** The Open Finance payment-consent notification: its address, its body, and which consents have one. */
class OpenFinancePaymentNotificationTest {

    private static final String ID = "urn:consent-demo:0d4b3c1e-7a51-4a36-9d8e-5c1f2b3a4d5e";

    private static Consent consent(ConsentType type, ConsentOrigin origin, Instant created, Instant statusUpdated) {
        return new Consent(ID, "realm", "client-internal-id", null, type, origin, ConsentStatus.AUTHORISED,
                List.of("PAYMENTS_INITIATE"), List.of(), created, statusUpdated, null, null, "12345678909", null, null,
                "{\"payment\":{\"amount\":\"100.00\"}}", null, 1, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://tpp.example", "https://tpp.example/", "https://tpp.example//", " https://tpp.example "})
    void theSpecPathAndTheConsentIdAreAppendedToTheBaseUri(String base) {
        assertEquals("https://tpp.example/open-banking/webhook/v1/payments/v4/consents/" + ID,
                OpenFinancePaymentNotification.url(base, ID));
    }

    @Test
    void aBaseUriWithAPathKeepsIt() {
        assertEquals("https://tpp.example:8443/hooks/ofb/open-banking/webhook/v1/payments/v4/consents/" + ID,
                OpenFinancePaymentNotification.url("https://tpp.example:8443/hooks/ofb/", ID));
    }

    @Test
    void nothingInAConsentIdCanAddAPathOrAQuery() {
        assertEquals("https://tpp.example/open-banking/webhook/v1/payments/v4/consents/urn:a%2F..%2Fb%3Fx%3D1%23f%20%C3%A7",
                OpenFinancePaymentNotification.url("https://tpp.example", "urn:a/../b?x=1#f ç"));
    }

    @Test
    void theBodyIsTheChangeTimeInTheApiDateFormatAndNothingElse() throws Exception {
        String body = OpenFinancePaymentNotification.body(Instant.parse("2026-12-02T07:10:37.999Z"));

        // Exactly this text: one member, one member inside it, whole seconds in UTC with Z.
        assertEquals("{\"data\":{\"timestamp\":\"2026-12-02T07:10:37Z\"}}", body);
        assertEquals(Map.of("data", Map.of("timestamp", "2026-12-02T07:10:37Z")), JsonSerialization.readValue(body, Map.class));
    }

    @Test
    void theChangeTimeIsWhenTheCurrentStatusBegan() {
        Instant created = Instant.parse("2026-12-02T07:00:00Z");
        Instant authorised = Instant.parse("2026-12-02T07:01:02.345Z");
        assertEquals(authorised, OpenFinancePaymentNotification.changedAt(
                consent(ConsentType.PAYMENT, ConsentOrigin.OPEN_FINANCE_API, created, authorised)));
        assertEquals(created, OpenFinancePaymentNotification.changedAt(
                consent(ConsentType.PAYMENT, ConsentOrigin.OPEN_FINANCE_API, created, null)));
    }

    @Test
    void onlyPaymentConsentsOfTheOpenFinanceApiAreNotified() {
        Instant t = Instant.parse("2026-12-02T07:00:00Z");
        assertTrue(OpenFinancePaymentNotification.appliesTo(consent(ConsentType.PAYMENT, ConsentOrigin.OPEN_FINANCE_API, t, t)));
        assertFalse(OpenFinancePaymentNotification.appliesTo(consent(ConsentType.PAYMENT, ConsentOrigin.CONSENT_LINK, t, t)));
        assertFalse(OpenFinancePaymentNotification.appliesTo(consent(ConsentType.DATA_SHARING, ConsentOrigin.OPEN_FINANCE_API, t, t)));
        assertFalse(OpenFinancePaymentNotification.appliesTo(consent(ConsentType.DATA_SHARING, ConsentOrigin.CONSENT_LINK, t, t)));
    }

    @Test
    void theNotificationIsPlainJsonWithTheWebhookApisInteractionId() {
        assertEquals(Map.of("Content-Type", "application/json", "x-webhook-interaction-id", "evt-1",
                        "User-Agent", "kc-consent-webhook"),
                WebhookDispatcher.headers(WebhookKind.OPEN_FINANCE_PAYMENT_CONSENT, "evt-1", "consent_consumed"));
        // The signed events keep their headers.
        assertEquals(Map.of("Content-Type", "application/jose", "X-Webhook-Id", "evt-2", "X-Webhook-Event", "consent_requested",
                        "User-Agent", "kc-consent-webhook"),
                WebhookDispatcher.headers(WebhookKind.SIGNED_EVENT, "evt-2", "consent_requested"));
    }
}
