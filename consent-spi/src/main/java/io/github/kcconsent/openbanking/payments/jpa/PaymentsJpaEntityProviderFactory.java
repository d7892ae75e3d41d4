package io.github.kcconsent.openbanking.payments.jpa;

import java.util.List;

import io.github.kcconsent.support.EntityProviderFactory;

/** Adds the Payments API's idempotency table and its own Liquibase changelog to Keycloak's persistence unit. */
public class PaymentsJpaEntityProviderFactory extends EntityProviderFactory {

    /**
     * Keycloak names a provider's Liquibase changelog table after the first 10 letters of this id
     * ({@code DATABASECHANGELOG_KCC_PAYMEN}), distinct from the consent store's and the renewals'.
     */
    public static final String PROVIDER_ID = "kcc-payments-entities";
    public static final String CHANGELOG = "META-INF/kcconsent-payments-changelog-master.xml";

    public PaymentsJpaEntityProviderFactory() {
        super(PROVIDER_ID, CHANGELOG, List.of(PaymentIdempotencyEntity.class));
    }
}
