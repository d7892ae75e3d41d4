package io.github.kcconsent.openbanking.extension.jpa;

import io.github.kcconsent.openbanking.extension.ConsentExtensionStore;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/** After a field-key rotation, rewrites renewal rows still under an older key, a batch per realm per run. */
public class ExtensionReencryptionTask implements ScheduledTask {

    public static final String TASK_NAME = "kcconsent-ob-extensions-reencrypt";

    private static final Logger LOG = Logger.getLogger(ExtensionReencryptionTask.class);

    private final int batchSize;

    public ExtensionReencryptionTask(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public void run(KeycloakSession session) {
        ConsentExtensionStore store = session.getProvider(ConsentExtensionStore.class);
        session.realms().getRealmsStream().forEach(realm -> {
            var result = store.reencrypt(realm, batchSize);
            if (result.moved() > 0 || result.skipped() > 0) {
                LOG.infof("realm %s: re-encrypted %d consent renewals under the active key, %d skipped (key missing)",
                        realm.getName(), result.moved(), result.skipped());
            }
        });
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }
}
