package io.github.kcconsent.openbanking.extension;

import org.keycloak.provider.ProviderFactory;

public interface ConsentExtensionStoreFactory extends ProviderFactory<ConsentExtensionStore> {
}
