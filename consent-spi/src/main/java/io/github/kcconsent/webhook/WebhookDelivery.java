package io.github.kcconsent.webhook;

import java.time.Instant;

/** One webhook event and where its delivery stands, as the back office shows it. */
public record WebhookDelivery(String eventId, String type, String state, int attempts, Instant createdAt,
                              Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatus, String lastError,
                              Instant deliveredAt) {
}
