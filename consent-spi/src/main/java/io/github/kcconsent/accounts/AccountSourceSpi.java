package io.github.kcconsent.accounts;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Where the accounts shown on the consent screen come from. Select with {@code --spi-kcconsent-accounts--provider=…}. */
public class AccountSourceSpi implements Spi {

    public static final String NAME = "kcconsent-accounts";

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
        return AccountSource.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return AccountSourceFactory.class;
    }
}
