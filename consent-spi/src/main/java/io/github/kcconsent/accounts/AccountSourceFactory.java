package io.github.kcconsent.accounts;

import org.keycloak.provider.ProviderFactory;

public interface AccountSourceFactory extends ProviderFactory<AccountSource> {
}
