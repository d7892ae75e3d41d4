package io.github.kcconsent.openbanking.renewal.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public class OpenBankingJpaEntityProviderFactory implements JpaEntityProviderFactory {

    /**
     * Keycloak names a provider's Liquibase changelog table after the first 10 letters of this id
     * ({@code DATABASECHANGELOG_KCC_OPENBA}); an id starting {@code kcconsent-} would share the consent
     * store's table ({@code DATABASECHANGELOG_KCCONSENT_}), so this one deliberately does not.
     */
    public static final String PROVIDER_ID = "kcc-openbanking-entities";

    private static final OpenBankingJpaEntityProvider INSTANCE = new OpenBankingJpaEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
