package io.github.kcconsent.receipt;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Our SPI for the consents' signed receipts. */
public class ConsentReceiptsSpi implements Spi {

    public static final String NAME = "kcconsent-receipts";

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
        return ConsentReceipts.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ConsentReceiptsFactory.class;
    }
}
