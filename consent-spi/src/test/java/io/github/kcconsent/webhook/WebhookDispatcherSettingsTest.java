package io.github.kcconsent.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import org.junit.jupiter.api.Test;

class WebhookDispatcherSettingsTest {

    private final WebhookDispatcherSettings settings = new WebhookDispatcherSettings(1, Duration.ofSeconds(1), 20,
            Duration.ofSeconds(60), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofHours(1), Duration.ofHours(24), false, false, 8, 2, Duration.ofMinutes(10), 200);

    @Test
    void aClaimOutlastsTwiceTheDeliveryDeadline() {
        assertEquals(Duration.ofSeconds(60), settings.effectiveClaim());
        WebhookDispatcherSettings shortClaim = new WebhookDispatcherSettings(1, Duration.ofSeconds(1), 20,
                Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofHours(1), Duration.ofHours(24), false, false, 8, 2, Duration.ofMinutes(10), 200);
        assertEquals(Duration.ofSeconds(10), shortClaim.effectiveClaim());
    }

    @Test
    void backoffDoublesUpToTheCap() {
        assertEquals(Duration.ofSeconds(10), settings.backoff(1, 0.5));
        assertEquals(Duration.ofSeconds(20), settings.backoff(2, 0.5));
        assertEquals(Duration.ofSeconds(80), settings.backoff(4, 0.5));
        assertEquals(Duration.ofHours(1), settings.backoff(30, 0.5));
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        assertEquals(Duration.ofSeconds(8), settings.backoff(1, 0.0));
        assertEquals(Duration.ofSeconds(12), settings.backoff(1, 1.0));
        assertTrue(settings.backoff(3, 0.3).compareTo(settings.backoff(3, 0.7)) < 0);
    }

    @Test
    void eventTypesFollowTheTransition() {
        assertEquals(WebhookEventType.CONSENT_REQUESTED,
                WebhookEventType.of(ConsentStatus.AWAITING_AUTHORISATION, ConsentStatus.AUTHORISED, null));
        assertEquals(WebhookEventType.CONSENT_REJECTED, WebhookEventType.of(ConsentStatus.AWAITING_AUTHORISATION,
                ConsentStatus.REJECTED, new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REJECTED)));
        assertEquals(WebhookEventType.CONSENT_REVOKED, WebhookEventType.of(ConsentStatus.AUTHORISED,
                ConsentStatus.REJECTED, new Rejection(RejectedBy.TPP, RejectionReason.CUSTOMER_MANUALLY_REVOKED)));
        assertEquals(WebhookEventType.CONSENT_EXPIRED, WebhookEventType.of(ConsentStatus.AUTHORISED,
                ConsentStatus.REJECTED, new Rejection(RejectedBy.ASPSP, RejectionReason.CONSENT_MAX_DATE_REACHED)));
        assertEquals(WebhookEventType.CONSENT_EXPIRED, WebhookEventType.of(ConsentStatus.AWAITING_AUTHORISATION,
                ConsentStatus.REJECTED, new Rejection(RejectedBy.ASPSP, RejectionReason.TEMPO_EXPIRADO_AUTORIZACAO)));
        assertEquals(WebhookEventType.CONSENT_CONSUMED,
                WebhookEventType.of(ConsentStatus.AUTHORISED, ConsentStatus.CONSUMED, null));
    }
}
