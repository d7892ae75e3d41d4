package io.github.kcconsent.receipt;

import org.keycloak.provider.ProviderFactory;

public interface ConsentReceiptsFactory extends ProviderFactory<ConsentReceipts> {
}
