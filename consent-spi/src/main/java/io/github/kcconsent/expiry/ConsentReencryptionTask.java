package io.github.kcconsent.expiry;

import io.github.kcconsent.store.ConsentStore;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * After a key rotation, rewrites consents still encrypted (or blind-indexed) under an older key with the
 * realm's active key, a batch per realm per run, so old keys can eventually be disabled.
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
        ConsentStore store = session.getProvider(ConsentStore.class);
        session.realms().getRealmsStream().forEach(realm -> {
            var result = store.reencrypt(realm, batchSize);
            if (result.moved() > 0 || result.skipped() > 0) {
                LOG.infof("realm %s: re-encrypted %d consents under the active key, %d skipped (key missing)",
                        realm.getName(), result.moved(), result.skipped());
            }
        });
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }
}
