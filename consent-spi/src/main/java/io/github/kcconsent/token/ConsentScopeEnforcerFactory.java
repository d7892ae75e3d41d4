package io.github.kcconsent.token;

import io.github.kcconsent.support.StatelessExecutorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/** Registers the {@link ConsentScopeEnforcer} client-policy executor (Realm settings → Client policies → Profiles). */
public class ConsentScopeEnforcerFactory extends StatelessExecutorFactory {

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
    public String getId() {
        return PROVIDER_ID;
    }
}
