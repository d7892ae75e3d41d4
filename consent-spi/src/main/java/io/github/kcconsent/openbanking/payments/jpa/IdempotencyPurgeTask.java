package io.github.kcconsent.openbanking.payments.jpa;

import java.time.Instant;

import io.github.kcconsent.openbanking.payments.PaymentIdempotency;
import io.github.kcconsent.support.RealmJobs;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.timer.ScheduledTask;

/**
 * Deletes idempotency keys past their retention, one bounded batch per realm per run, each realm in its own
 * transaction with the realm in the context ({@link RealmJobs}). Expired keys are already ignored when read and
 * replaced when reused; this only keeps the table from growing.
 */
final class IdempotencyPurgeTask implements ScheduledTask {

    static final String TASK_NAME = "kcconsent-payment-idempotency-purge";

    private static final Logger LOG = Logger.getLogger(IdempotencyPurgeTask.class);

    private final int batchSize;

    IdempotencyPurgeTask(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public void run(KeycloakSession session) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        RealmJobs.forEachRealm(TASK_NAME, RealmJobs.allRealmIds(factory), realmId -> RealmJobs.inRealm(factory, realmId, (s, realm) -> {
            int purged = s.getProvider(PaymentIdempotency.class)
                    .purgeExpired(realm, Instant.ofEpochMilli(Time.currentTimeMillis()), batchSize);
            if (purged > 0) {
                LOG.debugf("realm %s: purged %d expired payment idempotency keys", realm.getName(), purged);
            }
            return purged;
        }));
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }
}
