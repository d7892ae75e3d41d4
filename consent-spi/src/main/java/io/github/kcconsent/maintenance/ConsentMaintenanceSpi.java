package io.github.kcconsent.maintenance;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Our SPI for the scheduled upkeep of consent data, so its options are {@code --spi-kcconsent-maintenance--…}. */
public class ConsentMaintenanceSpi implements Spi {

    public static final String NAME = "kcconsent-maintenance";

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
        return ConsentMaintenance.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ConsentMaintenanceFactory.class;
    }
}
