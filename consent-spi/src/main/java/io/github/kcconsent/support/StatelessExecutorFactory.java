package io.github.kcconsent.support;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/**
 * A client-policy executor factory with nothing to configure, start or stop: the provider does all its work per
 * request. Subclasses give the provider, its id and the help text the admin console shows.
 */
public abstract class StatelessExecutorFactory implements ClientPolicyExecutorProviderFactory {

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
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
}
