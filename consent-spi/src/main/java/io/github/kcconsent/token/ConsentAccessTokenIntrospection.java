package io.github.kcconsent.token;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;

/** Keycloak's access-token introspection plus {@link IntrospectionConsentCheck}. */
public class ConsentAccessTokenIntrospection extends AccessTokenIntrospectionProvider<AccessToken> {

    public ConsentAccessTokenIntrospection(KeycloakSession session) {
        super(session);
    }

    @Override
    protected boolean introspectionChecks(String tokenStr) {
        return super.introspectionChecks(tokenStr)
                && IntrospectionConsentCheck.passes(session, realm, client, user, token, transformedToken, eventBuilder);
    }
}
