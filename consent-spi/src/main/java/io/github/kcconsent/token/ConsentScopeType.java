package io.github.kcconsent.token;

import jakarta.annotation.Nonnull;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.protocol.oidc.scope.InvalidScopeParameterException;
import org.keycloak.protocol.oidc.scope.ParameterizedScopeTypeProvider;

/**
 * The type of the parameterized {@code consent} client scope (its attribute
 * {@code parameterized.scope.type = kcconsent-consent}). Not repeatable: Keycloak itself refuses a request
 * naming two consents ({@code invalid_scope}, at PAR or at the authorization endpoint, before any login or
 * code). The parameter must look like a consent id; whether that consent may be used is decided later, by
 * the consent screen and by {@link ConsentTokenGate} when a token is issued.
 */
public class ConsentScopeType implements ParameterizedScopeTypeProvider {

    public static final String TYPE = "kcconsent-consent";

    @Override
    public String getTypeName() {
        return TYPE;
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public void validateParameter(@Nonnull ClientScopeModel scope, @Nonnull String parameter) throws InvalidScopeParameterException {
        if (!ConsentScopes.isWellFormed(parameter)) {
            throw new InvalidScopeParameterException("not a consent id");
        }
    }
}
