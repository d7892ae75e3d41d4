package io.github.kcconsent.expiry;

import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * Schedules the expiry sweeper and the re-encryption task with Keycloak's timer, each wrapped in a
 * {@link ClusterAwareScheduledTaskRunner} so that in a cluster only one node runs a task per interval.
 */
public class ConsentMaintenanceScheduler {

    public record Settings(long expiryIntervalSeconds, int expiryBatchSize,
                           long reencryptIntervalSeconds, int reencryptBatchSize) {
    }

    private final Settings settings;

    public ConsentMaintenanceScheduler(Settings settings) {
        this.settings = settings;
    }

    public void schedule(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            long expiryMillis = settings.expiryIntervalSeconds() * 1000L;
            timer.schedule(new ClusterAwareScheduledTaskRunner(factory,
                    new ConsentExpirySweeper(settings.expiryBatchSize()), expiryMillis), expiryMillis);
            long reencryptMillis = settings.reencryptIntervalSeconds() * 1000L;
            timer.schedule(new ClusterAwareScheduledTaskRunner(factory,
                    new ConsentReencryptionTask(settings.reencryptBatchSize()), reencryptMillis), reencryptMillis);
        });
    }
}
