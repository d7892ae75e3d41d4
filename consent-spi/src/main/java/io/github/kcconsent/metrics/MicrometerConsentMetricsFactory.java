package io.github.kcconsent.metrics;

import io.github.kcconsent.store.ConsentCreated;
import io.github.kcconsent.store.ConsentStatusChanged;
import io.micrometer.core.instrument.Metrics;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Counts the consent lifecycle from the store's announcements ({@link ConsentCreated},
 * {@link ConsentStatusChanged}) into Micrometer's
 * global registry, where Keycloak (Quarkus) registers its own Prometheus registry: nothing to configure beyond
 * Keycloak's {@code --metrics-enabled=true}; without it the counters are kept in memory and not exposed.
 */
public class MicrometerConsentMetricsFactory implements ConsentMetricsProviderFactory {

    public static final String PROVIDER_ID = "micrometer";

    private ConsentMetrics consents;

    @Override
    public ConsentMetricsProvider create(KeycloakSession session) {
        ConsentMetrics metrics = consents;
        return () -> metrics;
    }

    @Override
    public void init(Config.Scope config) {
        consents = new ConsentMetrics(Metrics.globalRegistry);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof ConsentStatusChanged changed) {
                consents.afterCommit(changed.session(), changed.realm(), changed.consent(), changed.from());
            } else if (event instanceof ConsentCreated created) {
                consents.afterCommit(created.session(), created.realm(), created.consent(), null);
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
