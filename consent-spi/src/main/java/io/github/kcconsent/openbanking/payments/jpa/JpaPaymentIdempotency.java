package io.github.kcconsent.openbanking.payments.jpa;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.github.kcconsent.openbanking.payments.DataHash;
import io.github.kcconsent.openbanking.payments.IdempotencyKeyTakenException;
import io.github.kcconsent.openbanking.payments.IdempotencyRecord;
import io.github.kcconsent.openbanking.payments.PaymentIdempotency;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceException;
import org.keycloak.models.RealmModel;

/** {@link PaymentIdempotency} on Keycloak's database, in the caller's transaction. */
public class JpaPaymentIdempotency implements PaymentIdempotency {

    private static final Duration RETENTION = Duration.ofHours(RETENTION_HOURS);

    private final EntityManager em;

    /**
     * The row {@link #find} read last, and for which key: {@link #remember} of that key reuses it instead of
     * reading it again (the caller holds the key's lock in between, so the read is still current). One
     * request, one session: nothing outlives the request.
     */
    private String lastKey;
    private Optional<PaymentIdempotencyEntity> lastRow = Optional.empty();

    public JpaPaymentIdempotency(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<IdempotencyRecord> find(RealmModel realm, String clientId, String key, Instant now) {
        lastKey = lookupKey(realm, clientId, key);
        lastRow = row(realm, clientId, key);
        return lastRow
                .filter(e -> live(e, now))
                .map(e -> new IdempotencyRecord(e.getDataHash(), e.getConsentId(), Instant.ofEpochMilli(e.getCreatedAt())));
    }

    @Override
    public void remember(RealmModel realm, String clientId, String key, String dataHash, String consentId, Instant now) {
        try {
            // A key past its retention may be used again: its old record gives way.
            Optional<PaymentIdempotencyEntity> earlier = lookupKey(realm, clientId, key).equals(lastKey)
                    ? lastRow : row(realm, clientId, key);
            earlier.filter(e -> !live(e, now)).ifPresent(e -> {
                em.remove(e);
                em.flush();
            });
            PaymentIdempotencyEntity e = new PaymentIdempotencyEntity();
            e.setId(UUID.randomUUID().toString());
            e.setRealmId(realm.getId());
            e.setClientId(clientId);
            e.setKeyHash(DataHash.sha256(key));
            e.setDataHash(dataHash);
            e.setConsentId(consentId);
            e.setCreatedAt(now.toEpochMilli());
            em.persist(e);
            // The unique constraint decides here, not at commit: the loser can still answer properly.
            em.flush();
        } catch (PersistenceException e) {
            throw new IdempotencyKeyTakenException(e);
        }
    }

    @Override
    public int purgeExpired(RealmModel realm, Instant now, int max) {
        List<String> ids = em.createNamedQuery("kcc.paymentIdempotency.expiredIds", String.class)
                .setParameter("realmId", realm.getId())
                .setParameter("before", now.minus(RETENTION).toEpochMilli())
                .setMaxResults(max)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createNamedQuery("kcc.paymentIdempotency.deleteIds").setParameter("ids", ids).executeUpdate();
    }

    @Override
    public int removeByRealm(RealmModel realm) {
        return em.createNamedQuery("kcc.paymentIdempotency.deleteByRealm")
                .setParameter("realmId", realm.getId()).executeUpdate();
    }

    @Override
    public int removeByClient(RealmModel realm, String clientId) {
        return em.createNamedQuery("kcc.paymentIdempotency.deleteByClient")
                .setParameter("realmId", realm.getId()).setParameter("clientId", clientId).executeUpdate();
    }

    /** Keys belong to partners, not to customers. */
    @Override
    public int removeByUser(RealmModel realm, String userId) {
        return 0;
    }

    @Override
    public void close() {
    }

    private Optional<PaymentIdempotencyEntity> row(RealmModel realm, String clientId, String key) {
        // Only committed records matter here (this table is written by remember alone, after this read), so
        // the query does not make Hibernate flush-check every entity the request has loaded before it runs.
        // Exactly the unique key's columns and no row limit: the one plan this leaves is that key's index
        // (the 0.5.0 changelog says why that matters on PostgreSQL).
        return em.createNamedQuery("kcc.paymentIdempotency.find", PaymentIdempotencyEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("clientId", clientId)
                .setParameter("keyHash", DataHash.sha256(key))
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList().stream().findFirst();
    }

    private static String lookupKey(RealmModel realm, String clientId, String key) {
        return realm.getId() + "\n" + clientId + "\n" + key;
    }

    private static boolean live(PaymentIdempotencyEntity e, Instant now) {
        return now.minus(RETENTION).toEpochMilli() <= e.getCreatedAt();
    }
}
