package io.github.kcconsent.selfservice;

import io.github.kcconsent.authsession.ConsentFlow;
import io.github.kcconsent.link.ConsentLinkLoginProtocolFactory;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.AuthorizationEndpointBase;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Sends a customer who is not signed in through the realm's own browser flow, as the Account Console's
 * client, and back to the consent list afterwards (our login protocol finishes with that redirect).
 */
public class SelfServiceLogin extends AuthorizationEndpointBase {

    public SelfServiceLogin(KeycloakSession session, EventBuilder event) {
        super(session, event);
    }

    public Response start(String returnUrl) {
        event.event(EventType.LOGIN);
        checkSsl();
        checkRealm();
        ClientModel client = realm.getClientByClientId(Constants.ACCOUNT_CONSOLE_CLIENT_ID);
        if (client == null || !client.isEnabled()) {
            return session.getProvider(LoginFormsProvider.class)
                    .setError("kcConsentSelfServiceUnavailable").createErrorPage(Response.Status.NOT_FOUND);
        }
        event.client(client);
        AuthenticationSessionModel authSession = createAuthenticationSession(client, null);
        authSession.setProtocol(ConsentLinkLoginProtocolFactory.PROTOCOL_ID);
        authSession.setRedirectUri(returnUrl);
        authSession.setAction(AuthenticationSessionModel.Action.AUTHENTICATE.name());
        ConsentFlow.startSelfService(authSession, returnUrl);
        LoginProtocol protocol = session.getProvider(LoginProtocol.class, ConsentLinkLoginProtocolFactory.PROTOCOL_ID)
                .setRealm(realm).setHttpHeaders(headers).setUriInfo(session.getContext().getUri()).setEventBuilder(event);
        return handleBrowserAuthenticationRequest(authSession, protocol, false, false);
    }
}
