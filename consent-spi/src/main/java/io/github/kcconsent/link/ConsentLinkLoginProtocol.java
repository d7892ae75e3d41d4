package io.github.kcconsent.link;

import java.net.URI;
import java.util.Optional;
import io.github.kcconsent.authsession.ConsentDecision;
import io.github.kcconsent.authsession.ConsentFlow;
import io.github.kcconsent.authsession.ConsentLinkRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ClientData;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.services.ErrorPage;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The small login protocol behind consent links: Keycloak runs the realm's browser flow and our consent
 * required action, then calls {@link #authenticated} and we redirect the user to the partner with the
 * decision. It issues no tokens and has no logout duties.
 */
public class ConsentLinkLoginProtocol implements LoginProtocol {

    private KeycloakSession session;
    private RealmModel realm;
    private UriInfo uriInfo;
    private HttpHeaders headers;
    private EventBuilder event;

    @Override
    public LoginProtocol setSession(KeycloakSession session) {
        this.session = session;
        return this;
    }

    @Override
    public LoginProtocol setRealm(RealmModel realm) {
        this.realm = realm;
        return this;
    }

    @Override
    public LoginProtocol setUriInfo(UriInfo uriInfo) {
        this.uriInfo = uriInfo;
        return this;
    }

    @Override
    public LoginProtocol setHttpHeaders(HttpHeaders headers) {
        this.headers = headers;
        return this;
    }

    @Override
    public LoginProtocol setEventBuilder(EventBuilder event) {
        this.event = event;
        return this;
    }

    @Override
    public Response authenticated(AuthenticationSessionModel authSession, UserSessionModel userSession,
                                  ClientSessionContext clientSessionCtx) {
        Optional<String> selfServiceReturn = ConsentFlow.selfServiceReturn(authSession);
        if (selfServiceReturn.isPresent()) {
            // Self-service login done: back to the consent list (a URL we built, never one from the request).
            if (event != null) {
                event.success();
            }
            return Response.status(Response.Status.FOUND).location(URI.create(selfServiceReturn.get())).build();
        }
        ConsentLinkRequest link = ConsentLinkRequest.readFrom(session, authSession);
        ConsentDecision decision = ConsentDecision.readFrom(authSession);
        if (link == null || decision == null) {
            // The flow ended without our consent screen (e.g. the required action was disabled mid-flight).
            if (event != null) {
                event.error("consent_link_no_decision");
            }
            return ErrorPage.error(session, authSession, Response.Status.BAD_REQUEST, "kcConsentLinkInvalid");
        }
        if (event != null) {
            event.detail("consent_result", decision.result().wire());
            if (decision.consentId() != null) {
                event.detail("consent_id", decision.consentId());
            }
            event.success();
        }
        return Response.status(Response.Status.FOUND)
                .location(ConsentLinkCallback.build(link.redirectUri(), link.sessionMetadata(), decision))
                .build();
    }

    @Override
    public Response sendError(AuthenticationSessionModel authSession, Error error, String errorMessage) {
        // Login cancelled or failed before a decision: no consent exists, so there is nothing to report to the
        // partner; the user sees a themed page rather than a bare redirect.
        return ErrorPage.error(session, authSession, Response.Status.BAD_REQUEST, "kcConsentLinkAborted");
    }

    @Override
    public ClientData getClientData(AuthenticationSessionModel authSession) {
        return new ClientData(authSession.getRedirectUri(), null, null, null);
    }

    @Override
    public Response sendError(ClientModel client, ClientData clientData, Error error) {
        return ErrorPage.error(session, null, Response.Status.BAD_REQUEST, "kcConsentLinkAborted");
    }

    @Override
    public Response backchannelLogout(UserSessionModel userSession, AuthenticatedClientSessionModel clientSession) {
        return null;
    }

    @Override
    public Response frontchannelLogout(UserSessionModel userSession, AuthenticatedClientSessionModel clientSession) {
        return null;
    }

    @Override
    public Response finishBrowserLogout(UserSessionModel userSession, AuthenticationSessionModel logoutSession) {
        return null;
    }

    @Override
    public boolean requireReauthentication(UserSessionModel userSession, AuthenticationSessionModel authSession) {
        return false;
    }

    @Override
    public void close() {
    }
}
