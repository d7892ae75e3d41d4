package io.github.kcconsent.webhook.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public class WebhookJpaEntityProviderFactory implements JpaEntityProviderFactory {

    /**
     * Keycloak would name this provider's Liquibase history table after the first 10 letters of the id; it has
     * no changelog today, but an id starting {@code kcconsent-} would share the store's table
     * ({@code DATABASECHANGELOG_KCCONSENT_}) if it ever got one, so this one deliberately does not.
     */
    public static final String PROVIDER_ID = "kcc-webhook-entities";

    private static final WebhookJpaEntityProvider INSTANCE = new WebhookJpaEntityProvider();

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
