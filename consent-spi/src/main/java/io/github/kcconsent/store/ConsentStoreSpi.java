package io.github.kcconsent.store;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Our own SPI for consent data, so resources and authenticators never touch the EntityManager. */
public class ConsentStoreSpi implements Spi {

    public static final String NAME = "kcconsent-store";

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
        return ConsentStore.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ConsentStoreFactory.class;
    }
}
