package io.github.kcconsent.openbanking;

import java.util.Arrays;
import java.util.List;

import io.github.kcconsent.openbanking.api.ApiError;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.jose.jws.JWSHeader;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.encode.AccessTokenContext;
import org.keycloak.protocol.oidc.encode.TokenContextEncoderProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Who is calling: a partner (TPP) holding an access token of this realm, obtained with client credentials and
 * carrying the {@code consents} scope.
 *
 * <p>Client-credentials tokens carry no user session. Keycloak's general bearer authenticator builds a transient
 * user session (and an authentication session) for such a token on every request, which was most of the cost
 * of a Consents API call. For a session-less, unbound token we run the same checks with Keycloak's own parts
 * and no session: signature with the realm's keys, issuer, expiry, type {@code Bearer}, revocation
 * ({@link TokenManager.TokenRevocationCheck}), realm and client not-before, client enabled, service-account user
 * found and valid ({@link TokenManager#isUserValid}). Any other token (one with a user session, or bound to a
 * DPoP key or certificate) goes through Keycloak's {@link AppAuthManager.BearerTokenAuthenticator} unchanged.
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
        Verified verified;
        try {
            verified = verifySessionless(token);
            if (verified == null) {
                AuthenticationManager.AuthResult result =
                        new AppAuthManager.BearerTokenAuthenticator(session).setTokenString(token).authenticate();
                verified = result == null || result.client() == null ? null : new Verified(result.token(), result.client());
            }
        } catch (VerificationException | RuntimeException e) {
            // Malformed tokens can surface as runtime exceptions from the verifier; they are all "not a
            // valid token". Only the exception type is logged: the message could quote the token.
            LOG.debugf("access token rejected: %s", e.getClass().getSimpleName());
            verified = null;
        }
        if (verified == null) {
            throw ApiError.unauthorized();
        }
        AccessToken accessToken = verified.token();
        if (!OAuth2Constants.CLIENT_CREDENTIALS.equals(grantType(accessToken))) {
            throw ApiError.forbidden("Esta API exige um token obtido com client_credentials.");
        }
        String scope = accessToken.getScope();
        if (scope == null || !Arrays.asList(scope.split(" ")).contains(SCOPE)) {
            throw ApiError.forbidden("O token de acesso não tem o escopo consents.");
        }
        return new Partner(verified.client());
    }

    private record Verified(AccessToken token, ClientModel client) {
    }

    /**
     * @return the verified token and its client; {@code null} when the token has a user session or a key
     *         binding (the caller then uses Keycloak's full authenticator)
     * @throws VerificationException when the token is not valid (bad signature, expired, revoked, ...)
     */
    private Verified verifySessionless(String tokenString) throws VerificationException {
        RealmModel realm = session.getContext().getRealm();
        TokenVerifier<AccessToken> verifier = TokenVerifier.create(tokenString, AccessToken.class)
                .withDefaultChecks()
                .realmUrl(Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()))
                .checkActive(true)
                .checkTokenType(true)
                .withChecks(new TokenManager.TokenRevocationCheck(session));
        JWSHeader header = verifier.getHeader();
        SignatureProvider signatures = session.getProvider(SignatureProvider.class, header.getAlgorithm().name());
        if (signatures == null) {
            throw new VerificationException("unsupported algorithm");
        }
        verifier.verifierContext(signatures.verifier(header.getKeyId()));
        AccessToken token = verifier.verify().getToken();
        if (token.getSessionId() != null || token.getConfirmation() != null) {
            return null;
        }
        if (token.getIat() == null || token.getIat() < realm.getNotBefore()) {
            throw new VerificationException("issued before the realm's not-before");
        }
        ClientModel client = token.getIssuedFor() == null ? null : realm.getClientByClientId(token.getIssuedFor());
        if (client == null || !client.isEnabled() || token.getIat() < client.getNotBefore()) {
            throw new VerificationException("unknown or disabled client, or issued before its not-before");
        }
        UserModel user = TokenManager.lookupUserFromStatelessToken(session, realm, token);
        if (user == null || !TokenManager.isUserValid(session, realm, token, user)) {
            throw new VerificationException("service-account user missing or not valid");
        }
        session.getContext().setClient(client);
        session.getContext().setBearerToken(token);
        return new Verified(token, client);
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
