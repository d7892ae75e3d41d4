package io.github.kcconsent.webhook;

/**
 * What an event's row becomes after an attempt (or after one that was not made): the dispatcher decides it,
 * the outbox only stores it. Times are epoch milliseconds; {@code deliveredAt} is null unless delivered.
 */
public record WebhookAttemptResult(
        WebhookEventState state,
        int attempts,
        Long lastAttemptAt,
        Integer lastStatus,
        String lastError,
        long nextAttemptAt,
        Long deliveredAt) {
}
