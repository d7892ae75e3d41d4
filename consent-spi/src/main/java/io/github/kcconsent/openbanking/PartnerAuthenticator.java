package io.github.kcconsent.openbanking;

import java.util.Arrays;
import java.util.List;

import io.github.kcconsent.openbanking.api.ApiError;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.encode.AccessTokenContext;
import org.keycloak.protocol.oidc.encode.TokenContextEncoderProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Who is calling: a partner (TPP) holding an access token of this realm, obtained with client credentials and
 * carrying the {@code consents} scope. The token is verified by Keycloak itself (signature with the realm's
 * keys, issuer, expiry, type, revocation, realm and client not-before, client enabled, DPoP binding when
 * present), so nothing here re-implements token validation; we only add what the Consents API requires.
 */
final class PartnerAuthenticator {

    static final String SCOPE = "consents";

    private static final Logger LOG = Logger.getLogger(PartnerAuthenticator.class);

    /** The authenticated partner: the Keycloak client the token was issued to ({@code azp}). */
    record Partner(ClientModel client) {
    }

    private final KeycloakSession session;

    PartnerAuthenticator(KeycloakSession session) {
        this.session = session;
    }

    /**
     * @throws ApiError 401 for a missing or unusable token; 403 for a valid token of the wrong grant or
     *                  without the {@code consents} scope (the spec's "token has the wrong scope")
     */
    Partner authenticate(HttpHeaders headers) {
        String token = bearerToken(headers.getRequestHeader(HttpHeaders.AUTHORIZATION));
        AuthenticationManager.AuthResult result;
        try {
            result = new AppAuthManager.BearerTokenAuthenticator(session).setTokenString(token).authenticate();
        } catch (RuntimeException e) {
            // Malformed tokens can surface as runtime exceptions from the verifier; they are all "not a
            // valid token". Only the exception type is logged: the message could quote the token.
            LOG.debugf("access token rejected: %s", e.getClass().getSimpleName());
            result = null;
        }
        if (result == null || result.client() == null) {
            throw ApiError.unauthorized();
        }
        AccessToken accessToken = result.token();
        if (!OAuth2Constants.CLIENT_CREDENTIALS.equals(grantType(accessToken))) {
            throw ApiError.forbidden("Esta API exige um token obtido com client_credentials.");
        }
        String scope = accessToken.getScope();
        if (scope == null || !Arrays.asList(scope.split(" ")).contains(SCOPE)) {
            throw ApiError.forbidden("O token de acesso não tem o escopo consents.");
        }
        return new Partner(result.client());
    }

    /** Exactly one {@code Authorization: Bearer <token>} header (scheme case-insensitive, RFC 9110). */
    private static String bearerToken(List<String> authorization) {
        if (authorization == null || authorization.size() != 1 || authorization.get(0) == null) {
            throw ApiError.unauthorized();
        }
        String header = authorization.get(0).trim();
        int space = header.indexOf(' ');
        if (space <= 0 || !"Bearer".equalsIgnoreCase(header.substring(0, space))) {
            throw ApiError.unauthorized();
        }
        String token = header.substring(space + 1).trim();
        if (token.isEmpty() || token.contains(" ")) {
            throw ApiError.unauthorized();
        }
        return token;
    }

    /** The grant the token came from, as Keycloak encodes it in the token id. */
    private String grantType(AccessToken token) {
        try {
            AccessTokenContext context = session.getProvider(TokenContextEncoderProvider.class)
                    .getTokenContextFromTokenId(token.getId());
            return context.getGrantType();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
