package io.github.kcconsent.fapi;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.endpoints.request.AuthorizationEndpointRequest;
import org.keycloak.protocol.oidc.endpoints.request.AuthzEndpointRequestParser;
import org.keycloak.protocol.oidc.par.clientpolicy.context.PushedAuthorizationRequestContext;
import org.keycloak.protocol.oidc.utils.OIDCResponseType;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.AuthorizationRequestContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.SecureRequestObjectExecutor;

/**
 * Client-policy executor {@code kcconsent-ofb-authorization}: the Open Finance Brasil authorization shape at PAR
 * and at the authorization endpoint, and Keycloak's request-object checks brought forward to PAR. Why this is code
 * and what it checks: see the package description.
 */
public class OfbAuthorizationExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    /** Authorization parameters a partner may also send outside the request object (they must then match it). */
    private static final List<String> AUTHORIZATION_FORM_PARAMETERS = List.of(OIDCLoginProtocol.CLIENT_ID_PARAM,
            OIDCLoginProtocol.REQUEST_PARAM, OIDCLoginProtocol.RESPONSE_TYPE_PARAM, OIDCLoginProtocol.REDIRECT_URI_PARAM,
            OIDCLoginProtocol.SCOPE_PARAM, OIDCLoginProtocol.STATE_PARAM, OIDCLoginProtocol.NONCE_PARAM);

    private final KeycloakSession session;

    public OfbAuthorizationExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return OfbAuthorizationExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case PUSHED_AUTHORIZATION_REQUEST -> onPushedRequest((PushedAuthorizationRequestContext) context);
            case AUTHORIZATION_REQUEST -> {
                AuthorizationEndpointRequest request = ((AuthorizationRequestContext) context).getAuthorizationEndpointRequest();
                checkShape(request);
            }
            default -> {
            }
        }
    }

    private void onPushedRequest(PushedAuthorizationRequestContext context) throws ClientPolicyException {
        checkShape(context.getRequest());
        // Keycloak's PAR endpoint has verified the request object's signature against the client's keys and keeps
        // its claims here; without one there is nothing the profile accepts.
        JsonNode requestObject = (JsonNode) session.getAttribute(AuthzEndpointRequestParser.AUTHZ_REQUEST_OBJECT);
        if (requestObject == null || !context.getRequestParameters().containsKey(OIDCLoginProtocol.REQUEST_PARAM)) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST, AuthorizationShape.REQUEST_OBJECT);
        }
        if (!requestObject.hasNonNull(OIDCLoginProtocol.SCOPE_PARAM)) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST_OBJECT, AuthorizationShape.SCOPE_IN_REQUEST_OBJECT);
        }
        // Keycloak's own secure-request-object checks (exp, nbf, lifetime, iat, aud, form parameters matching the
        // request object) with its FAPI 1.0 Advanced defaults, run on the pushed request instead of waiting for the
        // authorization endpoint. It needs no authentication session for these checks.
        // Only the authorization parameters of the pushed form: the client-authentication ones (client_assertion…)
        // are not authorization parameters and are not in the request object.
        MultivaluedMap<String, String> authorizationParameters = new MultivaluedHashMap<>();
        for (String name : AUTHORIZATION_FORM_PARAMETERS) {
            List<String> values = context.getRequestParameters().get(name);
            if (values != null) {
                authorizationParameters.put(name, values);
            }
        }
        SecureRequestObjectExecutor requestObjectChecks = new SecureRequestObjectExecutor(session);
        requestObjectChecks.setupConfiguration(null);
        AuthorizationEndpointRequest request = context.getRequest();
        requestObjectChecks.executeOnEvent(new AuthorizationRequestContext(OIDCResponseType.parse(request.getResponseType()),
                request, request.getRedirectUri(), authorizationParameters, null));
    }

    private static void checkShape(AuthorizationEndpointRequest request) throws ClientPolicyException {
        String problem = AuthorizationShape.responseProblem(request.getResponseType(), request.getResponseMode());
        if (problem != null) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST, problem);
        }
    }
}
