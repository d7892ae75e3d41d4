package io.github.kcconsent.store.jpa;

import java.util.Optional;
import io.github.kcconsent.consent.ConcurrentConsentUpdateException;
import io.github.kcconsent.consent.ConsentNotFoundException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import org.hibernate.StaleStateException;
import org.keycloak.models.RealmModel;

/**
 * One consent row in the current transaction: finding it within its realm, taking its write lock, and flushing,
 * with a lost race turned into {@link ConcurrentConsentUpdateException} wherever JPA reports it. Every write of
 * the store goes through here, so racing writers are told apart from real errors in one place.
 */
final class ConsentRows {

    private final EntityManager em;

    ConsentRows(EntityManager em) {
        this.em = em;
    }

    Optional<ConsentEntity> load(RealmModel realm, String consentId) {
        if (consentId == null || consentId.isEmpty() || consentId.length() > 256) {
            return Optional.empty();
        }
        ConsentEntity e = em.find(ConsentEntity.class, consentId);
        // A consent of another realm does not exist for this one.
        return e != null && e.getRealmId().equals(realm.getId()) ? Optional.of(e) : Optional.empty();
    }

    ConsentEntity require(RealmModel realm, String consentId) {
        return load(realm, consentId).orElseThrow(() -> new ConsentNotFoundException(consentId));
    }

    /**
     * Takes the row's write lock before anything is changed, checking the version this request read: a change
     * committed since (a racing revocation, the sweeper, another node) surfaces here, before any write, as
     * {@link ConcurrentConsentUpdateException}, instead of as a failed flush that leaves Hibernate with half-done
     * work (and a WARN, HHH90010101, when it closes). Racing writers queue on the lock for the few milliseconds
     * the winner needs to commit.
     */
    ConsentEntity lockForChange(ConsentEntity e) {
        try {
            em.lock(e, LockModeType.PESSIMISTIC_WRITE);
            return e;
        } catch (RuntimeException ex) {
            if (isLostRace(ex)) {
                throw new ConcurrentConsentUpdateException(e.getId(), ex);
            }
            throw ex;
        }
    }

    void flush(String consentId) {
        try {
            em.flush();
        } catch (RuntimeException e) {
            // Keycloak's EntityManager wraps JPA errors (an OptimisticLockException arrives as a
            // ModelIllegalStateException), so look for the lost race anywhere in the cause chain.
            if (isLostRace(e)) {
                throw new ConcurrentConsentUpdateException(consentId, e);
            }
            throw e;
        }
    }

    private static boolean isLostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof PessimisticLockException
                    || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
