package io.github.kcconsent.consent;

import java.time.Instant;

/**
 * One entry of a consent's status history. {@code from} is null for the creation entry. Never rewritten.
 */
public record StatusChange(ConsentStatus from, ConsentStatus to, Instant at, Actor actor, Channel channel,
                           RejectionReason reason, String additionalInformation) {
}
