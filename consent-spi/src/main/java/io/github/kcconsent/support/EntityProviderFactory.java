package io.github.kcconsent.support;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Adds one SPI's entities (and its Liquibase changelog, if it has one) to Keycloak's persistence unit. Each of
 * our JPA packages has one subclass naming its id, changelog and entities; the provider is stateless.
 *
 * <p>Keycloak names a provider's Liquibase history table after the first 10 letters of the id, so ids that
 * must not share a history table differ in those letters.
 */
public abstract class EntityProviderFactory implements JpaEntityProviderFactory {

    private final JpaEntityProvider provider;
    private final String id;

    /** @param changelog the classpath location of the master changelog, or null for entities without one */
    protected EntityProviderFactory(String id, String changelog, List<Class<?>> entities) {
        this.id = id;
        List<Class<?>> copy = List.copyOf(entities);
        this.provider = new JpaEntityProvider() {
            @Override
            public List<Class<?>> getEntities() {
                return copy;
            }

            @Override
            public String getChangelogLocation() {
                return changelog;
            }

            @Override
            public String getFactoryId() {
                return id;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return provider;
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
        return id;
    }
}
