package io.github.kcconsent.webhook;

/**
 * An event whose claim the caller still holds, with what the dispatcher needs to prepare an attempt and to
 * work out its outcome. The payload stays encrypted: {@link WebhookOutbox#payload} decrypts it. Times are
 * epoch milliseconds.
 */
public record ClaimedWebhookEvent(
        String eventId,
        String realmId,
        String clientId,
        String consentId,
        WebhookKind kind,
        String type,
        String payloadEncrypted,
        String keyId,
        int attempts,
        long createdAt,
        long nextAttemptAt,
        Long lastAttemptAt,
        Integer lastStatus) {
}
