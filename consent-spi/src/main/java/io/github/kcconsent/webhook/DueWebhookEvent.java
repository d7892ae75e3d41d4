package io.github.kcconsent.webhook;

/**
 * A pending event whose attempt is due, as the dispatcher's poller sees it. The version is the one read, so
 * a claim can be made conditional on nobody having touched the row since.
 */
public record DueWebhookEvent(String eventId, long version, String clientId) {
}
