package io.github.kcconsent.openbanking.renewal.jpa;

import java.util.List;

import io.github.kcconsent.support.EntityProviderFactory;

/** Adds the renewal-history entity and its own Liquibase changelog to Keycloak's persistence unit. */
public class OpenBankingJpaEntityProviderFactory extends EntityProviderFactory {

    /**
     * Keycloak names a provider's Liquibase changelog table after the first 10 letters of this id
     * ({@code DATABASECHANGELOG_KCC_OPENBA}); an id starting {@code kcconsent-} would share the consent
     * store's table ({@code DATABASECHANGELOG_KCCONSENT_}), so this one deliberately does not.
     */
    public static final String PROVIDER_ID = "kcc-openbanking-entities";
    public static final String CHANGELOG = "META-INF/kcconsent-openbanking-changelog-master.xml";

    public OpenBankingJpaEntityProviderFactory() {
        super(PROVIDER_ID, CHANGELOG, List.of(ConsentExtensionEntity.class));
    }
}
