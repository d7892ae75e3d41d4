package io.github.kcconsent.maintenance;

import java.util.List;

import io.github.kcconsent.support.OncePerIntervalTask;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * Schedules the expiry sweeper and the consents' re-encryption with Keycloak's timer once the database is
 * migrated. Each task is wrapped in a {@link OncePerIntervalTask} (one node per interval, claimed cluster-wide)
 * inside a {@link ClusterAwareScheduledTaskRunner} (never two nodes at once). Options: {@link ConsentMaintenanceSettings}.
 */
public class DefaultConsentMaintenanceFactory implements ConsentMaintenanceFactory {

    public static final String PROVIDER_ID = "default";

    /** Nothing is done per session (see {@link ConsentMaintenance}), so one stateless instance serves all. */
    private static final ConsentMaintenance INSTANCE = () -> { };

    private ConsentMaintenanceSettings settings;

    @Override
    public ConsentMaintenance create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public void init(Config.Scope config) {
        settings = ConsentMaintenanceSettings.from(config, Config.scope(ConsentMaintenanceSettings.FORMER_SCOPE));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                schedule(factory);
            }
        });
    }

    private void schedule(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            TimerProvider timer = session.getProvider(TimerProvider.class);
            schedule(factory, timer, new ConsentExpirySweeper(settings.expiryBatchSize()), settings.expiryIntervalSeconds());
            schedule(factory, timer, new ConsentReencryptionTask(settings.reencryptBatchSize()), settings.reencryptIntervalSeconds());
        });
    }

    private static void schedule(KeycloakSessionFactory factory, TimerProvider timer, ScheduledTask task, long seconds) {
        long millis = seconds * 1000L;
        timer.schedule(new ClusterAwareScheduledTaskRunner(factory, new OncePerIntervalTask(task, millis), millis), millis);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ConsentMaintenanceSettings.metadata();
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
