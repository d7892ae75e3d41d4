package io.github.kcconsent.maintenance;

import io.github.kcconsent.support.OncePerIntervalTask;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * Schedules the expiry sweeper and the re-encryption task with Keycloak's timer. Each is wrapped in a
 * {@link OncePerIntervalTask} (one node per interval, claimed cluster-wide) inside a
 * {@link ClusterAwareScheduledTaskRunner} (never two nodes at once).
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
                    new OncePerIntervalTask(new ConsentExpirySweeper(settings.expiryBatchSize()), expiryMillis), expiryMillis), expiryMillis);
            long reencryptMillis = settings.reencryptIntervalSeconds() * 1000L;
            timer.schedule(new ClusterAwareScheduledTaskRunner(factory,
                    new OncePerIntervalTask(new ConsentReencryptionTask(settings.reencryptBatchSize()), reencryptMillis), reencryptMillis), reencryptMillis);
        });
    }
}
