package io.github.kcconsent.openbanking.renewal;

import org.keycloak.provider.ProviderFactory;

public interface ConsentExtensionStoreFactory extends ProviderFactory<ConsentExtensionStore> {
}
