package io.github.kcconsent.fapi;

import io.github.kcconsent.support.StatelessExecutorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/** Registers {@link OfbAuthorizationExecutor} (Realm settings → Client policies → Profiles → Add executor). */
public class OfbAuthorizationExecutorFactory extends StatelessExecutorFactory {

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
    public String getId() {
        return PROVIDER_ID;
    }
}
