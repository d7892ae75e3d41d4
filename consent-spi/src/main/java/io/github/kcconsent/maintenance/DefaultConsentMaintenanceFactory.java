package io.github.kcconsent.maintenance;

import java.util.List;

import io.github.kcconsent.store.ConsentStore;
import io.github.kcconsent.support.OncePerIntervalTask;
import io.github.kcconsent.support.ReencryptionTask;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Schedules the expiry sweeper, the consents' re-encryption and the sealing of history written before 0.4.0
 * ({@link HistorySealTask}) with Keycloak's timer once the database is
 * migrated, each once per interval cluster-wide ({@link OncePerIntervalTask}). Options:
 * {@link ConsentMaintenanceSettings}.
 */
public class DefaultConsentMaintenanceFactory implements ConsentMaintenanceFactory {

    public static final String PROVIDER_ID = "default";

    /** The consents' re-encryption task; its name keys the cluster-wide claim of each interval. */
    public static final String REENCRYPT_TASK_NAME = "kcconsent-reencrypt";

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
        OncePerIntervalTask.schedule(factory, new ConsentExpirySweeper(settings.expiryBatchSize()),
                settings.expiryIntervalSeconds() * 1000L);
        OncePerIntervalTask.schedule(factory, new ReencryptionTask<>(REENCRYPT_TASK_NAME, ConsentStore.class, "consents",
                settings.reencryptBatchSize()), settings.reencryptIntervalSeconds() * 1000L);
        // Sealing old history is migration work like re-encryption, so it shares its interval and batch size.
        OncePerIntervalTask.schedule(factory, new HistorySealTask(settings.reencryptBatchSize()),
                settings.reencryptIntervalSeconds() * 1000L);
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
