package io.github.kcconsent.support;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.timer.ScheduledTask;

/**
 * After a key rotation, moves one batch per realm per run of a {@link Reencryptable} store's rows to the realm's
 * active key. Each store's factory schedules its own instance (its own task name and interval), so the consent
 * store's task need not know the renewals and the other way round. Each realm in its own transaction with the
 * realm in the session context ({@link RealmJobs}): a realm whose batch fails is logged and the others still move.
 */
public final class ReencryptionTask<T extends Provider & Reencryptable> implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(ReencryptionTask.class);

    private final String taskName;
    private final Class<T> store;
    private final String rows;
    private final int batchSize;

    /**
     * @param rows what the store's rows are, for the log ("consents")
     */
    public ReencryptionTask(String taskName, Class<T> store, String rows, int batchSize) {
        this.taskName = taskName;
        this.store = store;
        this.rows = rows;
        this.batchSize = batchSize;
    }

    @Override
    public void run(KeycloakSession session) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        RealmJobs.forEachRealm(taskName, RealmJobs.allRealmIds(factory), realmId -> RealmJobs.inRealm(factory, realmId, (s, realm) -> {
            ReencryptionResult result = s.getProvider(store).reencrypt(realm, batchSize);
            if (result.moved() > 0 || result.skipped() > 0) {
                LOG.infof("realm %s: re-encrypted %d %s under the active key, %d skipped (key missing)",
                        realm.getName(), result.moved(), rows, result.skipped());
            }
            return result;
        }));
    }

    @Override
    public String getTaskName() {
        return taskName;
    }
}
