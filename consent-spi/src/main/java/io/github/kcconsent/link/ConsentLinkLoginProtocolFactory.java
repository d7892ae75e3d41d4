package io.github.kcconsent.link;

import java.util.Map;

import org.keycloak.Config;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.LoginProtocolFactory;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;

/**
 * Registers {@link ConsentLinkLoginProtocol}. It is not offered as a client protocol: partners stay ordinary
 * OpenID Connect clients, and only authentication sessions started by a consent link use it. Its endpoint is
 * our realm resource ({@code /realms/{realm}/consent}), so the protocol endpoint is not used.
 */
public class ConsentLinkLoginProtocolFactory implements LoginProtocolFactory {

    public static final String PROTOCOL_ID = "kcconsent-link";

    @Override
    public LoginProtocol create(KeycloakSession session) {
        return new ConsentLinkLoginProtocol().setSession(session);
    }

    @Override
    public Map<String, ProtocolMapperModel> getBuiltinMappers() {
        return Map.of();
    }

    @Override
    public Object createProtocolEndpoint(KeycloakSession session, EventBuilder event) {
        return null;
    }

    @Override
    public void createDefaultClientScopes(RealmModel newRealm, boolean addScopesToExistingClients) {
    }

    @Override
    public void setupClientDefaults(ClientRepresentation rep, ClientModel newClient) {
    }

    @Override
    public void addClientScopeDefaults(ClientScopeRepresentation clientModel) {
    }

    @Override
    public boolean allowAsClientProtocol() {
        return false;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROTOCOL_ID;
    }
}
