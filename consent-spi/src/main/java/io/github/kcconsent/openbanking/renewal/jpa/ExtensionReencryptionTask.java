package io.github.kcconsent.openbanking.renewal.jpa;

import io.github.kcconsent.openbanking.renewal.ConsentExtensionStore;
import io.github.kcconsent.support.RealmJobs;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.timer.ScheduledTask;

/**
 * After a field-key rotation, rewrites renewal rows still under an older key, a batch per realm per run, each
 * realm in its own transaction with the realm in the session context ({@link RealmJobs}).
 */
public class ExtensionReencryptionTask implements ScheduledTask {

    public static final String TASK_NAME = "kcconsent-ob-extensions-reencrypt";

    private static final Logger LOG = Logger.getLogger(ExtensionReencryptionTask.class);

    private final int batchSize;

    public ExtensionReencryptionTask(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public void run(KeycloakSession session) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        RealmJobs.forEachRealm(TASK_NAME, RealmJobs.allRealmIds(factory), realmId -> RealmJobs.inRealm(factory, realmId, (s, realm) -> {
            var result = s.getProvider(ConsentExtensionStore.class).reencrypt(realm, batchSize);
            if (result.moved() > 0 || result.skipped() > 0) {
                LOG.infof("realm %s: re-encrypted %d consent renewals under the active key, %d skipped (key missing)",
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
