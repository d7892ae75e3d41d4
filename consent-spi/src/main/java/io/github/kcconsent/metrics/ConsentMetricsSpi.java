package io.github.kcconsent.metrics;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Our SPI for metrics ({@code kcconsent-metrics}); its one provider writes to Keycloak's Micrometer registry. */
public class ConsentMetricsSpi implements Spi {

    public static final String NAME = "kcconsent-metrics";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return ConsentMetricsProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ConsentMetricsProviderFactory.class;
    }
}
