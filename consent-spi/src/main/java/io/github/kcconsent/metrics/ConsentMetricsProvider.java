package io.github.kcconsent.metrics;

import org.keycloak.provider.Provider;

/**
 * Our metrics, for code that counts something itself (the lifecycle counters subscribe to the store's events
 * on their own). Registered in Keycloak's Micrometer registry, so they appear on the management port's
 * {@code /metrics} next to Keycloak's when the server runs with {@code --metrics-enabled=true}.
 */
public interface ConsentMetricsProvider extends Provider {

    ConsentMetrics consents();

    @Override
    default void close() {
    }
}
