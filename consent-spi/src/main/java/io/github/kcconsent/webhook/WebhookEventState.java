package io.github.kcconsent.webhook;

/**
 * Where an outbox event stands. Stored by name, and shown by name in the back office's delivery list, so the
 * names are part of the contract.
 */
public enum WebhookEventState {
    /** Waiting for its next attempt (or for the client's webhooks to be switched on again). */
    PENDING,
    /** A partner answered 2xx. */
    DELIVERED,
    /** Given up: too old, or the client or realm is gone. */
    FAILED
}
