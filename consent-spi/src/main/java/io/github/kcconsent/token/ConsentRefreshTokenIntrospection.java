package io.github.kcconsent.token;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.RefreshTokenIntrospectionProvider;

/** Keycloak's refresh-token introspection plus {@link IntrospectionConsentCheck}. */
public class ConsentRefreshTokenIntrospection extends RefreshTokenIntrospectionProvider {

    public ConsentRefreshTokenIntrospection(KeycloakSession session) {
        super(session);
    }

    @Override
    protected boolean introspectionChecks(String tokenStr) {
        return super.introspectionChecks(tokenStr)
                && IntrospectionConsentCheck.passes(session, realm, client, user, token, transformedToken, eventBuilder);
    }
}
