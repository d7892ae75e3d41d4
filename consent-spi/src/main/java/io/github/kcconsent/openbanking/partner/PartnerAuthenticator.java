package io.github.kcconsent.openbanking.partner;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import io.github.kcconsent.openbanking.api.ApiError;
import io.github.kcconsent.token.CertificateBinding;
import io.github.kcconsent.token.ConsentBinding;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.jose.jws.JWSHeader;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.encode.AccessTokenContext;
import org.keycloak.protocol.oidc.encode.TokenContextEncoderProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Who is calling. Two kinds of access token of this realm are accepted, each for its own operations:
 * <ul>
 *   <li><b>Partner</b> ({@link #authenticate}): create, read, revoke and the renewal history. A token obtained
 *       with {@code client_credentials} carrying the {@code consents} scope.</li>
 *   <li><b>Customer</b> ({@link #authenticateCustomer}): renewal ({@code /extends}). A token from the
 *       {@code authorization_code} flow, with the customer present (or a refresh of one), carrying {@code openid}
 *       and {@code consent:<consentId>} for the very consent in the path, verified with its user session.</li>
 * </ul>
 *
 * <p>Client-credentials tokens carry no user session. Keycloak's general bearer authenticator builds a transient
 * user session (and an authentication session) for such a token on every request, which was most of the cost
 * of a Consents API call. For a session-less, unbound token we run the same checks with Keycloak's own parts
 * and no session: signature with the realm's keys, issuer, expiry, type {@code Bearer}, revocation
 * ({@link TokenManager.TokenRevocationCheck}), realm and client not-before, client enabled, service-account user
 * found and valid ({@link TokenManager#isUserValid}). Any other token (one with a user session, or bound to a
 * DPoP key or certificate) goes through Keycloak's {@link AppAuthManager.BearerTokenAuthenticator} unchanged,
 * which also requires the user session (and the client's session in it) to be valid: a logged-out customer no
 * longer has a valid token, nor has a customer whose consent ended ({@link ConsentBinding}).
 *
 * <p>Answers: a missing, malformed, forged, expired or revoked token, or one whose session has ended, or a token
 * bound to a certificate (RFC 8705) presented over a connection without that certificate, is 401. A
 * valid token of the wrong kind for the operation (grant or scopes) is 403, the spec's "token has the wrong
 * scope or a security policy was violated".
 */
public final class PartnerAuthenticator {

    /** The client-credentials scope of the Consents API; each Open Finance API names its own. */
    public static final String CONSENTS_SCOPE = "consents";
    /** The client-credentials scope of the Payments API. */
    public static final String PAYMENTS_SCOPE = "payments";
    /** The customer-token scopes (spec: {@code OAuth2AuthorizationCode} with {@code openid consent:consentId}). */
    static final String OPENID = "openid";
    static final String CONSENT_SCOPE_PREFIX = "consent:";

    private static final Logger LOG = Logger.getLogger(PartnerAuthenticator.class);

    /**
     * The authenticated caller: the partner's Keycloak client the token was issued to ({@code azp}) and, for a
     * customer token, the customer (the token's user); {@code null} for a client-credentials token.
     */
    public record Partner(ClientModel client, UserModel customer) {

        Partner(ClientModel client) {
            this(client, null);
        }
    }

    private final KeycloakSession session;

    public PartnerAuthenticator(KeycloakSession session) {
        this.session = session;
    }

    /**
     * Partner access: a client-credentials token with the API's scope ({@code consents}, {@code payments}).
     *
     * @throws ApiError 401 for a missing or unusable token; 403 for a valid token of the wrong grant or
     *                  without {@code scope} (the spec's "token has the wrong scope")
     */
    public Partner authenticate(HttpHeaders headers, String scope) {
        Verified verified = verify(headers);
        AccessToken accessToken = verified.token();
        if (!OAuth2Constants.CLIENT_CREDENTIALS.equals(grantType(accessToken))) {
            throw ApiError.forbidden("Esta API exige um token obtido com client_credentials.");
        }
        if (!values(accessToken.getScope()).contains(scope)) {
            throw ApiError.forbidden("O token de acesso não tem o escopo " + scope + ".");
        }
        return new Partner(verified.client());
    }

    /**
     * Customer access for one consent ({@code /extends}): a token of the {@code authorization_code} flow, or
     * of a refresh of such a token, whose user session is valid, carrying {@code openid} and
     * {@code consent:<consentId>} (and no other consent). That the token's client owns the consent and its user
     * is the consent's is checked by the operation, which reads the consent.
     *
     * <p>Keycloak records the grant in the token id ({@link AccessTokenContext}); a refreshed token reports
     * {@code refresh_token}, not the grant that started the session. For those we require that the partner's
     * session was opened at the authorization endpoint with a {@code code} response type (the client-session
     * note {@code response_type} Keycloak keeps from the authorization request); the password, CIBA,
     * device and client-credentials grants never set it.
     *
     * @throws ApiError 401 for a missing or unusable token (also: expired, revoked, session ended, consent
     *                  ended); 403 for a valid token of another grant, without {@code openid}, or not for this
     *                  consent
     */
    public Partner authenticateCustomer(HttpHeaders headers, String consentId) {
        Verified verified = verify(headers);
        AccessToken accessToken = verified.token();
        boolean sessionFromCode = verified.userSession() != null
                && openedWithCode(verified.userSession(), verified.client());
        String refusal = customerTokenRefusal(grantType(accessToken), sessionFromCode, accessToken.getScope(), consentId);
        if (refusal != null) {
            throw ApiError.forbidden(refusal);
        }
        // A token whose consent ended (revoked, rejected, expired) is no longer valid, like at introspection,
        // even while a session it shares with another consent of the customer lives on. Whose consent it is
        // stays the operation's question (404, 403).
        ConsentBinding.Verdict verdict = new ConsentBinding(session).check(session.getContext().getRealm(),
                verified.client(), verified.user(), consentId);
        if (verdict.refusal() == ConsentBinding.Refusal.ENDED) {
            throw ApiError.unauthorized();
        }
        return new Partner(verified.client(), verified.user());
    }

    /**
     * The rules of a customer token that need nothing but the token's facts.
     *
     * @param grantType       the grant in the token id
     * @param sessionFromCode the partner's session was opened at the authorization endpoint with a code
     * @return the 403 detail, or {@code null} when the token may renew this consent
     */
    static String customerTokenRefusal(String grantType, boolean sessionFromCode, String scope, String consentId) {
        boolean fromCode = OAuth2Constants.AUTHORIZATION_CODE.equals(grantType)
                || (OAuth2Constants.REFRESH_TOKEN.equals(grantType) && sessionFromCode);
        if (!fromCode) {
            return "A renovação exige um token obtido com authorization_code (o cliente presente), não com "
                    + (grantType == null ? "outro fluxo" : grantType) + ".";
        }
        Set<String> scopes = values(scope);
        List<String> consents = scopes.stream().filter(s -> s.startsWith(CONSENT_SCOPE_PREFIX)).toList();
        if (!scopes.contains(OPENID) || !consents.equals(List.of(CONSENT_SCOPE_PREFIX + consentId))) {
            return "O token de acesso não tem os escopos openid e consent:{consentId} deste consentimento.";
        }
        return null;
    }

    /** The token verified, or 401. */
    private Verified verify(HttpHeaders headers) {
        String token = bearerToken(headers.getRequestHeader(HttpHeaders.AUTHORIZATION));
        Verified verified;
        try {
            verified = verifySessionless(token);
            if (verified == null) {
                AuthenticationManager.AuthResult result =
                        new AppAuthManager.BearerTokenAuthenticator(session).setTokenString(token).authenticate();
                verified = result == null || result.client() == null ? null
                        : new Verified(result.token(), result.client(), result.user(), result.session());
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
        // A token bound to the partner's TLS certificate (RFC 8705) is refused without that certificate: Keycloak's
        // bearer authenticator does not check the binding.
        if (!CertificateBinding.heldByCaller(session, verified.token())) {
            LOG.debugf("certificate-bound access token presented without its certificate");
            throw ApiError.unauthorized();
        }
        return verified;
    }

    /** Whether Keycloak opened this client's session from an authorization request with a code response type. */
    private static boolean openedWithCode(UserSessionModel userSession, ClientModel client) {
        AuthenticatedClientSessionModel clientSession = userSession.getAuthenticatedClientSessionByClient(client.getId());
        String responseType = clientSession == null ? null : clientSession.getNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM);
        return responseType != null && values(responseType).contains(OAuth2Constants.CODE);
    }

    /** Space-separated values (a scope or a response type) as a set. */
    private static Set<String> values(String value) {
        return value == null || value.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(value.trim().split(" +")));
    }

    /** A verified token, its client and, for a token with a user session, the user and the session. */
    private record Verified(AccessToken token, ClientModel client, UserModel user, UserSessionModel userSession) {
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
        return new Verified(token, client, null, null);
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
