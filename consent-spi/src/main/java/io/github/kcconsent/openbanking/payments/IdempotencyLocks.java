package io.github.kcconsent.openbanking.payments;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * A short cluster-wide lock per idempotency key, in Keycloak's single-use store, held while one request with
 * that key runs and released when its transaction ends (committed or not). Requests with a key whose lock is
 * taken wait for the holder's outcome instead of racing it, so the unique constraint of the idempotency table
 * is a safety net and not the normal path. The lock expires by itself if its holder dies.
 */
final class IdempotencyLocks {

    static final long LOCK_SECONDS = 30;

    private final KeycloakSession session;
    private final SingleUseObjectProvider singleUse;

    IdempotencyLocks(KeycloakSession session) {
        this.session = session;
        this.singleUse = session.singleUseObjects();
    }

    /** Takes the lock and arranges its release after this session's transaction; false when it is held. */
    boolean tryLock(String realmId, String clientId, String key) {
        String name = name(realmId, clientId, key);
        if (!singleUse.putIfAbsent(name, LOCK_SECONDS)) {
            return false;
        }
        session.getTransactionManager().enlistAfterCompletion(new Release(singleUse, name));
        return true;
    }

    boolean isLocked(String realmId, String clientId, String key) {
        return singleUse.contains(name(realmId, clientId, key));
    }

    private static String name(String realmId, String clientId, String key) {
        return "kcconsent-idempotency:" + realmId + ":" + clientId + ":" + DataHash.sha256(key);
    }

    /** Released whatever the outcome: by then the record is committed, or there is none. */
    private static final class Release extends AbstractKeycloakTransaction {

        private final SingleUseObjectProvider singleUse;
        private final String name;

        Release(SingleUseObjectProvider singleUse, String name) {
            this.singleUse = singleUse;
            this.name = name;
        }

        @Override
        protected void commitImpl() {
            singleUse.remove(name);
        }

        @Override
        protected void rollbackImpl() {
            singleUse.remove(name);
        }
    }
}
