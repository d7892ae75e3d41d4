package io.github.kcconsent.openbanking.payments;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Our SPI for the Payments API's idempotency keys, so the API never touches the EntityManager. */
public class PaymentIdempotencySpi implements Spi {

    public static final String NAME = "kcconsent-payment-idempotency";

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
        return PaymentIdempotency.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PaymentIdempotencyFactory.class;
    }
}
