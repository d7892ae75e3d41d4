package io.github.kcconsent.token;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.RefreshTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;

/**
 * Replace Keycloak's {@code access_token} and {@code refresh_token} introspection providers (same provider ids;
 * Keycloak prefers a deployed factory over its built-in one of the same id), so that the standard
 * {@code /protocol/openid-connect/token/introspect} endpoint knows about consents. Everything else is Keycloak's
 * own code, inherited. Tied to Keycloak 26.7's {@code AccessTokenIntrospectionProvider}: re-check on upgrade.
 */
public final class ConsentIntrospectionFactories {

    private ConsentIntrospectionFactories() {
    }

    /** {@code token_type_hint=access_token}, the default. */
    public static class AccessTokens extends AccessTokenIntrospectionProviderFactory {
        @Override
        public TokenIntrospectionProvider create(KeycloakSession session) {
            return new ConsentAccessTokenIntrospection(session);
        }
    }

    /** {@code token_type_hint=refresh_token}. */
    public static class RefreshTokens extends RefreshTokenIntrospectionProviderFactory {
        @Override
        public TokenIntrospectionProvider create(KeycloakSession session) {
            return new ConsentRefreshTokenIntrospection(session);
        }
    }
}
