package io.github.kcconsent.store.jpa.entity;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public class ConsentJpaEntityProviderFactory implements JpaEntityProviderFactory {

    /** Also the Liquibase changelog table suffix Keycloak derives for our changesets. */
    public static final String PROVIDER_ID = "kcconsent-entities";

    private static final ConsentJpaEntityProvider INSTANCE = new ConsentJpaEntityProvider();

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
