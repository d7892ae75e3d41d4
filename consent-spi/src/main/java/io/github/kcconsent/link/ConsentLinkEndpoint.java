package io.github.kcconsent.link;

import java.time.Instant;
import io.github.kcconsent.authsession.ConsentLinkRequest;
import io.github.kcconsent.decision.ConsentDecisionRequiredActionFactory;
import io.github.kcconsent.link.validation.ConsentLinkClient;
import io.github.kcconsent.link.validation.ConsentLinkError;
import io.github.kcconsent.link.validation.ConsentLinkException;
import io.github.kcconsent.link.validation.ConsentLinkValidator;
import io.github.kcconsent.link.validation.ValidatedConsentLink;
import io.github.kcconsent.metrics.ConsentMetricsProvider;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.protocol.AuthorizationEndpointBase;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.services.ErrorPageException;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code GET /realms/{realm}/consent?client_id&type=consent&jwt}: validates the partner's signed link, then
 * hands the user to the realm's own browser flow (whatever it requires: password, OTP, a custom flow). The
 * consent screen runs as our required action after login, and {@link ConsentLinkLoginProtocol} sends the
 * partner the result. Nothing is stored and nothing is redirected before the link is fully valid.
 */
public class ConsentLinkEndpoint extends AuthorizationEndpointBase {

    public ConsentLinkEndpoint(KeycloakSession session, EventBuilder event) {
        super(session, event);
    }

    public Response start(String clientId, String type, String jwt) {
        event.event(EventType.LOGIN).detail(Details.AUTH_METHOD, ConsentLinkLoginProtocolFactory.PROTOCOL_ID)
                .detail(Details.RESPONSE_TYPE, "consent_link");
        try {
            checkSsl();
            checkRealm();
        } catch (ErrorPageException e) {
            return e.getResponse();
        }

        ClientModel client = clientId == null || clientId.length() > 255 ? null : realm.getClientByClientId(clientId);
        if (client == null || !client.isEnabled()) {
            return reject(ConsentLinkError.UNKNOWN_CLIENT);
        }
        event.client(client);
        if (!ConsentLinkSettings.enabled(client) || !ConsentDecisionRequiredActionFactory.ensureRegistered(realm)) {
            return reject(ConsentLinkError.LINK_DISABLED);
        }

        ValidatedConsentLink link;
        try {
            ConsentLinkValidator validator = new ConsentLinkValidator(
                    ConsentLinkSettings.policy(realm, client, ConsentLinkSettings.issuer(session, realm)),
                    new KeycloakClientKeyResolver(session, client),
                    new SingleUseReplayGuard(session.getProvider(SingleUseObjectProvider.class), realm.getId()),
                    () -> Instant.ofEpochMilli(Time.currentTimeMillis()));
            link = validator.validate(clientId, type, jwt,
                    new ConsentLinkClient(client.getClientId(), client.getRedirectUris()));
        } catch (ConsentLinkException e) {
            return reject(e.error());
        }

        AuthenticationSessionModel authSession = createAuthenticationSession(client, null);
        authSession.setProtocol(ConsentLinkLoginProtocolFactory.PROTOCOL_ID);
        authSession.setRedirectUri(link.redirectUri());
        authSession.setAction(AuthenticationSessionModel.Action.AUTHENTICATE.name());
        ConsentLinkRequest.of(link).writeTo(session, authSession);
        authSession.addRequiredAction(ConsentDecisionRequiredActionFactory.PROVIDER_ID);
        event.detail(Details.REDIRECT_URI, link.redirectUri());

        return handleBrowserAuthenticationRequest(authSession, protocol(), false, false);
    }

    private LoginProtocol protocol() {
        LoginProtocol protocol = session.getProvider(LoginProtocol.class, ConsentLinkLoginProtocolFactory.PROTOCOL_ID);
        return protocol.setRealm(realm)
                .setHttpHeaders(headers)
                .setUriInfo(session.getContext().getUri())
                .setEventBuilder(event);
    }

    /** A themed error page in the user's language; never a redirect, since no redirect URI was validated. */
    private Response reject(ConsentLinkError error) {
        event.error(error.eventError());
        session.getProvider(ConsentMetricsProvider.class).consents().linkRefused(realm, error.eventError());
        return ConsentLinkErrorPage.of(session, error);
    }
}
