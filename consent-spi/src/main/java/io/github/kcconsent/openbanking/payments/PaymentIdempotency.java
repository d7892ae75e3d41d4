package io.github.kcconsent.openbanking.payments;

import java.time.Instant;
import java.util.Optional;

import io.github.kcconsent.support.PartyBound;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * The Payments API's idempotency keys, per partner, kept {@value #RETENTION_HOURS} hours (spec), in Keycloak's
 * database so they hold across nodes and restarts. A key is remembered in the same transaction as the consent
 * it created, with a unique constraint: of two concurrent requests with one key exactly one commits, and the
 * other learns it from {@link IdempotencyKeyTakenException}.
 */
public interface PaymentIdempotency extends Provider, PartyBound {

    int RETENTION_HOURS = 24;

    /** The live record of this key (younger than the retention), if any. */
    Optional<IdempotencyRecord> find(RealmModel realm, String clientId, String key, Instant now);

    /**
     * Remembers the key for the consent just created, flushing so that a concurrent request with the same key
     * is detected here (an expired record of the key is replaced).
     *
     * @throws IdempotencyKeyTakenException when another request committed the key first
     */
    void remember(RealmModel realm, String clientId, String key, String dataHash, String consentId, Instant now);

    /** Deletes the records of the realm older than the retention; returns how many. */
    int purgeExpired(RealmModel realm, Instant now, int max);
}
