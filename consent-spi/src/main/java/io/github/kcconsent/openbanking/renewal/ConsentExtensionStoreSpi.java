package io.github.kcconsent.openbanking.renewal;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Our SPI for the renewal history, so the API resource never touches the EntityManager. */
public class ConsentExtensionStoreSpi implements Spi {

    public static final String NAME = "kcconsent-ob-extensions";

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
        return ConsentExtensionStore.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ConsentExtensionStoreFactory.class;
    }
}
