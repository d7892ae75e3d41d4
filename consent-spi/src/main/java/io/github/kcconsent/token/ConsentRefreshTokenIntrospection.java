package io.github.kcconsent.token;

import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.RefreshTokenIntrospectionProvider;

/** Keycloak's refresh-token introspection plus {@link IntrospectionConsentCheck}. */
public class ConsentRefreshTokenIntrospection extends RefreshTokenIntrospectionProvider {

    /** The certificate the resource server saw, if it named one (set per request: providers live per request). */
    private String expectedThumbprint;

    public ConsentRefreshTokenIntrospection(KeycloakSession session) {
        super(session);
    }

    @Override
    public Response introspect(String tokenStr, EventBuilder eventBuilder) {
        expectedThumbprint = IntrospectionConsentCheck.expectedThumbprint(session);
        return super.introspect(tokenStr, eventBuilder);
    }

    @Override
    protected boolean introspectionChecks(String tokenStr) {
        return super.introspectionChecks(tokenStr)
                && IntrospectionConsentCheck.certificatePasses(token, expectedThumbprint, eventBuilder)
                && IntrospectionConsentCheck.passes(session, realm, client, user, token, transformedToken, eventBuilder);
    }
}
