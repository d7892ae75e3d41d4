package io.github.kcconsent.web;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Serves {@code /realms/{realm}/consent}: the consent-link entry point and the extension's info endpoint.
 * The id is the URL segment partners put in their links, so it is deliberately not prefixed.
 */
public class ConsentRealmResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "consent";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ConsentRealmResourceProvider(session);
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
