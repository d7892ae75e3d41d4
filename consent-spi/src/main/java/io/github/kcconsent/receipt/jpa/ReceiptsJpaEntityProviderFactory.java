package io.github.kcconsent.receipt.jpa;

import java.util.List;

import io.github.kcconsent.support.EntityProviderFactory;

/** Adds the receipts table and its own Liquibase changelog to Keycloak's persistence unit. */
public class ReceiptsJpaEntityProviderFactory extends EntityProviderFactory {

    /**
     * Keycloak names a provider's Liquibase changelog table after the first 10 letters of this id
     * ({@code DATABASECHANGELOG_KCC_RECEIP}), distinct from the other providers'.
     */
    public static final String PROVIDER_ID = "kcc-receipts-entities";
    public static final String CHANGELOG = "META-INF/kcconsent-receipts-changelog-master.xml";

    public ReceiptsJpaEntityProviderFactory() {
        super(PROVIDER_ID, CHANGELOG, List.of(ConsentReceiptEntity.class));
    }
}
