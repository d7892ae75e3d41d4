package io.github.kcconsent.maintenance;

import io.github.kcconsent.store.ConsentStore;
import io.github.kcconsent.support.RealmJobs;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.timer.ScheduledTask;

/**
 * After a key rotation, rewrites consents still encrypted (or blind-indexed) under an older key with the
 * realm's active key, a batch per realm per run, so old keys can eventually be disabled. Each realm in its own
 * transaction with the realm in the session context ({@link RealmJobs}): a realm whose batch fails is logged
 * and the others still move.
 */
public class ConsentReencryptionTask implements ScheduledTask {

    public static final String TASK_NAME = "kcconsent-reencrypt";

    private static final Logger LOG = Logger.getLogger(ConsentReencryptionTask.class);

    private final int batchSize;

    public ConsentReencryptionTask(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public void run(KeycloakSession session) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        RealmJobs.forEachRealm(TASK_NAME, RealmJobs.allRealmIds(factory), realmId -> RealmJobs.inRealm(factory, realmId, (s, realm) -> {
            var result = s.getProvider(ConsentStore.class).reencrypt(realm, batchSize);
            if (result.moved() > 0 || result.skipped() > 0) {
                LOG.infof("realm %s: re-encrypted %d consents under the active key, %d skipped (key missing)",
                        realm.getName(), result.moved(), result.skipped());
            }
            return result;
        }));
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }
}
