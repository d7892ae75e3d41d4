package io.github.kcconsent.store;

import org.keycloak.provider.ProviderFactory;

public interface ConsentStoreFactory extends ProviderFactory<ConsentStore> {
}
