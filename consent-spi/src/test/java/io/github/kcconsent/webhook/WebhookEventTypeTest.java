package io.github.kcconsent.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import org.junit.jupiter.api.Test;

/** One event type per status change, the same for the signed events and the Open Finance notifications. */
class WebhookEventTypeTest {

    private static Rejection by(RejectedBy who, RejectionReason reason) {
        return new Rejection(who, reason, null);
    }

    @Test
    void everyPaymentConsentChangeHasItsType() {
        assertEquals(WebhookEventType.CONSENT_CREATED, WebhookEventType.of(null, ConsentStatus.AWAITING_AUTHORISATION, null));
        assertEquals(WebhookEventType.CONSENT_REQUESTED,
                WebhookEventType.of(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.AUTHORISED, null));
        assertEquals(WebhookEventType.CONSENT_CONSUMED, WebhookEventType.of(ConsentStatus.AUTHORISED, ConsentStatus.CONSUMED, null));
        assertEquals(WebhookEventType.CONSENT_REJECTED, WebhookEventType.of(ConsentStatus.AWAITING_AUTHORISATION,
                ConsentStatus.REJECTED, by(RejectedBy.USER, RejectionReason.REJEITADO_USUARIO)));
        assertEquals(WebhookEventType.CONSENT_REVOKED, WebhookEventType.of(ConsentStatus.AUTHORISED,
                ConsentStatus.REJECTED, by(RejectedBy.ASPSP, RejectionReason.FALHA_INFRAESTRUTURA)));
        assertEquals(WebhookEventType.CONSENT_EXPIRED, WebhookEventType.of(ConsentStatus.AWAITING_AUTHORISATION,
                ConsentStatus.REJECTED, by(RejectedBy.ASPSP, RejectionReason.TEMPO_EXPIRADO_AUTORIZACAO)));
        assertEquals(WebhookEventType.CONSENT_EXPIRED, WebhookEventType.of(ConsentStatus.AUTHORISED,
                ConsentStatus.REJECTED, by(RejectedBy.ASPSP, RejectionReason.TEMPO_EXPIRADO_CONSUMO)));
    }

    @Test
    void theStoredNamesFitTheOutboxColumns() {
        for (WebhookEventType type : WebhookEventType.values()) {
            assertTrue(type.wire().length() <= 40, type.wire());
        }
        for (WebhookKind kind : WebhookKind.values()) {
            assertTrue(kind.name().length() <= 40, kind.name());
            assertEquals(kind, WebhookKind.stored(kind.name()));
        }
        assertEquals(WebhookKind.SIGNED_EVENT, WebhookKind.stored(null), "rows from before the KIND column");
        assertEquals("consent_created", WebhookEventType.CONSENT_CREATED.wire());
    }
}
