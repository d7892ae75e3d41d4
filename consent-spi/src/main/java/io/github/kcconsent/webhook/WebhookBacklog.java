package io.github.kcconsent.webhook;

/**
 * The outbox's pending events.
 *
 * @param oldestCreatedAt epoch milliseconds of the oldest pending event; null when there is none
 */
public record WebhookBacklog(long pending, Long oldestCreatedAt) {
}
