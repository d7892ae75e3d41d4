package io.github.kcconsent.consent;

import java.time.Instant;

/**
 * One entry of a consent's status history. {@code from} is null for the creation entry. Never rewritten.
 * {@code sequence} orders the consent's entries; {@code seal} is the entry's tamper-evident seal (null for an
 * entry written before sealing and not sealed yet), the value receipts name.
 */
public record StatusChange(ConsentStatus from, ConsentStatus to, Instant at, Actor actor, Channel channel,
                           RejectionReason reason, String additionalInformation, long sequence, String seal) {
}
