package io.github.kcconsent.fapi;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** Registers {@link OfbAuthorizationExecutor} (Realm settings → Client policies → Profiles → Add executor). */
public class OfbAuthorizationExecutorFactory implements ClientPolicyExecutorProviderFactory {

    public static final String PROVIDER_ID = "kcconsent-ofb-authorization";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new OfbAuthorizationExecutor(session);
    }

    @Override
    public String getHelpText() {
        return "Open Finance Brasil authorization shape: response_type 'code id_token', response_mode fragment, a signed "
                + "request object carrying scope; at PAR also Keycloak's request-object checks (exp, nbf, lifetime, aud).";
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
