package io.github.kcconsent.webhook;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.kcconsent.crypto.FieldDecryptionException;
import io.github.kcconsent.crypto.MissingFieldKeyException;
import io.github.kcconsent.store.ConsentEvents;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Our SPI for the webhook outbox. As {@link ConsentEvents} it writes an event row in the same transaction as
 * each status change of a consent whose client has webhooks enabled (a signed event, and for an Open Finance
 * payment consent an Open Finance notification, its creation included: {@link WebhookKind}); the back office lists and redelivers
 * events; the {@link WebhookDispatcher} claims, reads and records them through the methods below, each call in
 * the caller's transaction, so the dispatcher holds no storage code of its own.
 */
public interface WebhookOutbox extends Provider, ConsentEvents {

    List<WebhookDelivery> deliveries(RealmModel realm, String consentId);

    /** Makes a delivered or failed event of this consent due again now. False if there is no such event. */
    boolean redeliver(RealmModel realm, String consentId, String eventId);

    /**
     * Pending events due at {@code now} (epoch ms) whose claim, if any, has run out, earliest due first, at most
     * {@code max}, leaving out the events of {@code busyClients} (partners already at their in-flight limit).
     */
    List<DueWebhookEvent> due(long now, Set<String> busyClients, int max);

    /**
     * Claims a due event for one attempt until {@code claimUntil} (epoch ms) under the caller's {@code claim}
     * token: a conditional update on the version that was read, so of several dispatchers on any nodes exactly
     * one wins. False if another one was faster or the event is no longer pending.
     */
    boolean claim(DueWebhookEvent event, String claim, long claimUntil);

    /** The event, if it still exists and {@code claim} still holds it (a claim can expire and be taken over). */
    Optional<ClaimedWebhookEvent> claimed(String eventId, String claim);

    /**
     * The claimed event's payload, decrypted with the realm's field keys.
     *
     * @throws MissingFieldKeyException if the key it was encrypted under is not available
     * @throws FieldDecryptionException if it does not decrypt
     */
    String payload(RealmModel realm, ClaimedWebhookEvent event);

    /**
     * Stores an attempt's result and ends the claim, only if {@code claim} still holds the event. Only the
     * delivery columns change, so a concurrent re-encryption of the payload is never overwritten.
     */
    void recordAttempt(String eventId, String claim, WebhookAttemptResult result);

    /** Ends every claim whose token starts with {@code claimPrefix}, so others may send those events now. */
    int releaseClaims(String claimPrefix);

    /** Events still to be delivered (all realms), and when the oldest of them was written; for the metrics. */
    WebhookBacklog backlog();
}
