package io.github.kcconsent.openbanking.payments;

import java.time.Instant;

/**
 * What a partner's idempotency key stands for: the hash of the {@code data} it was first sent with and the
 * consent that request created.
 */
public record IdempotencyRecord(String dataHash, String consentId, Instant createdAt) {
}
