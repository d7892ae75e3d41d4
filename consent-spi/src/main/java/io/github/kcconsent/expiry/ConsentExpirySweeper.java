package io.github.kcconsent.expiry;

import io.github.kcconsent.store.ConsentStore;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Moves consents whose time has passed to REJECTED with the spec's expiry reason, realm by realm. Reads do
 * not depend on it: they already report overdue consents as rejected; this makes the database agree.
 */
public class ConsentExpirySweeper implements ScheduledTask {

    public static final String TASK_NAME = "kcconsent-expiry";

    private static final Logger LOG = Logger.getLogger(ConsentExpirySweeper.class);

    private final int batchSize;

    public ConsentExpirySweeper(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public void run(KeycloakSession session) {
        ConsentStore store = session.getProvider(ConsentStore.class);
        session.realms().getRealmsStream().forEach(realm -> {
            int expired = store.expireOverdue(realm, batchSize);
            if (expired > 0) {
                LOG.debugf("expired %d consents in realm %s", expired, realm.getName());
            }
        });
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }
}
