package io.github.kcconsent.token;

import java.util.List;
import io.github.kcconsent.authsession.ConsentSessionNotes;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.token.TokenInterceptorException;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorContext;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.RefreshToken;
import org.keycloak.util.TokenUtil;

/**
 * Every token Keycloak issues, by any grant and for any client, passes here before the response is built
 * (Keycloak's token post-processor SPI). A token whose scope names a consent is issued only when:
 * <ul>
 *   <li>it names exactly one consent;</li>
 *   <li>it comes from the customer's authorization of that consent: the authorization-code exchange (or the
 *       hybrid response of the same authorization) of a client session in which our consent screen recorded
 *       the customer's Permitir for this very consent, or a refresh of a refresh token that already carried
 *       it (Keycloak never lets a refresh add a scope);</li>
 *   <li>the consent is, at this moment, the token's client's and user's and effectively AUTHORISED
 *       ({@link ConsentBinding}).</li>
 * </ul>
 * Anything else (client credentials, token exchange, device or CIBA grants, a realm whose consent screen was
 * switched off, a refresh after the consent ended or expired) is refused with an OAuth error, so no token ever
 * carries a consent id the customer did not decide, or outlives it.
 */
public class ConsentTokenGate implements TokenPostProcessor {

    private static final String TOKEN_ENDPOINT_SUFFIX = "/protocol/openid-connect/token";

    private final KeycloakSession session;

    public ConsentTokenGate(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void process(TokenPostProcessorContext context) {
        AccessToken accessToken = context.accessToken();
        if (accessToken == null) {
            return;
        }
        List<String> consents = ConsentScopes.consentIds(accessToken.getScope());
        if (consents.isEmpty()) {
            return;
        }
        if (consents.size() > 1) {
            throw new TokenInterceptorException(OAuthErrorException.INVALID_SCOPE, "a token carries at most one consent scope");
        }
        String consentId = consents.get(0);
        ClientSessionContext clientSessionCtx = context.clientSessionCtx();
        AuthenticatedClientSessionModel clientSession = clientSessionCtx.getClientSession();
        String grant = clientSessionCtx.getAttribute(Constants.GRANT_TYPE, String.class);
        // A refresh is known by the refresh token it presents: for offline tokens Keycloak rebuilds the client
        // session context while refreshing, and the rebuilt one no longer says which grant is running.
        RefreshToken presented = context.requestRefreshToken();
        boolean refresh = presented != null;
        if (refresh) {
            if (!ConsentScopes.consentIds(presented.getScope()).contains(consentId)) {
                throw new TokenInterceptorException(OAuthErrorException.INVALID_SCOPE, "a refresh cannot add a consent scope");
            }
        } else if (isAuthorization(grant)) {
            if (!ConsentSessionNotes.wasAuthorisedIn(clientSession, consentId)) {
                throw new TokenInterceptorException(OAuthErrorException.INVALID_GRANT,
                        "the customer did not authorise this consent in this authorization");
            }
        } else {
            throw new TokenInterceptorException(OAuthErrorException.INVALID_SCOPE,
                    "consent scopes are granted only through the customer's authorization");
        }
        RealmModel realm = clientSession.getRealm();
        ClientModel client = clientSession.getClient();
        UserSessionModel userSession = clientSession.getUserSession();
        ConsentBinding.Verdict verdict = new ConsentBinding(session).check(realm, client, userSession.getUser(), consentId);
        if (!verdict.usable()) {
            throw new TokenInterceptorException(OAuthErrorException.INVALID_GRANT, verdict.problem());
        }
        if (!refresh) {
            recordInOfflineSession(context.refreshToken(), realm, client, userSession, consentId);
        }
    }

    /**
     * The authorization-code grant, or no grant at all outside the token endpoint: the hybrid response at the
     * end of the authorization itself. A grant without a name at the token endpoint is none of ours.
     */
    private boolean isAuthorization(String grant) {
        if (OAuth2Constants.AUTHORIZATION_CODE.equals(grant)) {
            return true;
        }
        return grant == null && !session.getContext().getUri().getPath().endsWith(TOKEN_ENDPOINT_SUFFIX);
    }

    /**
     * An offline refresh token lives in the offline copy of the client session, which Keycloak copies from the
     * online one only when it creates it: a second consent authorised in the same SSO session must be recorded
     * there too, or ending the first consent would take the second one's offline session with it.
     */
    private void recordInOfflineSession(RefreshToken refreshToken, RealmModel realm, ClientModel client,
                                        UserSessionModel userSession, String consentId) {
        if (refreshToken == null || !TokenUtil.TOKEN_TYPE_OFFLINE.equals(refreshToken.getType())) {
            return;
        }
        UserSessionModel offline = session.sessions().getOfflineUserSession(realm, userSession.getId());
        AuthenticatedClientSessionModel offlineClient = offline == null ? null : offline.getAuthenticatedClientSessionByClient(client.getId());
        if (offlineClient != null) {
            ConsentSessionNotes.authorisedIn(offlineClient, consentId);
        }
    }

    @Override
    public void close() {
    }
}
