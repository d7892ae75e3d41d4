package io.github.kcconsent.maintenance;

import io.github.kcconsent.store.ConsentStore;
import io.github.kcconsent.support.RealmJobs;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.timer.ScheduledTask;

/**
 * Seals, one batch per realm per run, the status history of consents written before 0.4.0, so that every
 * consent's history verifies (see {@link ConsentStore#sealLateHistories}). Once a realm has none left a run costs
 * one indexed query. Each realm in its own transaction with the realm in the session context: a realm whose batch
 * fails is logged and the others still go on.
 */
final class HistorySealTask implements ScheduledTask {

    static final String TASK_NAME = "kcconsent-seal-history";

    private static final Logger LOG = Logger.getLogger(HistorySealTask.class);

    private final int batchSize;

    HistorySealTask(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public void run(KeycloakSession session) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        RealmJobs.forEachRealm(TASK_NAME, RealmJobs.allRealmIds(factory), realmId -> RealmJobs.inRealm(factory, realmId, (s, realm) -> {
            int sealed = s.getProvider(ConsentStore.class).sealLateHistories(realm, batchSize);
            if (sealed > 0) {
                LOG.infof("realm %s: sealed the history of %d consents written before history sealing", realm.getName(), sealed);
            }
            return sealed;
        }));
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }
}
