package io.github.kcconsent.token;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** Registers the {@link ConsentScopeEnforcer} client-policy executor (Realm settings → Client policies → Profiles). */
public class ConsentScopeEnforcerFactory implements ClientPolicyExecutorProviderFactory {

    public static final String PROVIDER_ID = "kcconsent-consent-scope";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new ConsentScopeEnforcer(session);
    }

    @Override
    public String getHelpText() {
        return "Open Finance authorizations name exactly one consent (scope consent:{consentId}) that the client "
                + "created and that awaits authorisation; refuses the request at PAR and at the authorization endpoint otherwise.";
    }

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

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
