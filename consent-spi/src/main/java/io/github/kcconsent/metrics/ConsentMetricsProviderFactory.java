package io.github.kcconsent.metrics;

import org.keycloak.provider.ProviderFactory;

public interface ConsentMetricsProviderFactory extends ProviderFactory<ConsentMetricsProvider> {
}
