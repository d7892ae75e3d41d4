package io.github.kcconsent.openbanking.payments;

import org.keycloak.provider.ProviderFactory;

public interface PaymentIdempotencyFactory extends ProviderFactory<PaymentIdempotency> {
}
