package io.github.kcconsent.link;

import java.time.Instant;
import java.util.Map;

import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.store.ConsentStore;
import org.keycloak.common.util.Time;
import org.keycloak.models.UserModel;

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

    /**
     * Keycloak calls every login protocol factory when a user consent is revoked in the Account Console or the
     * Admin Console: end our consents of that client and user too, so the two views never disagree.
     */
    @Override
    public void onConsentRevoked(KeycloakSession session, ClientModel client, UserModel user) {
        RealmModel realm = client.getRealm();
        ConsentStore store = session.getProvider(ConsentStore.class);
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        for (Consent consent : store.findByClientAndUser(realm, client.getId(), user.getId())) {
            ConsentStatus status = consent.effectiveStatus(now);
            if (status == ConsentStatus.AUTHORISED || status == ConsentStatus.AWAITING_AUTHORISATION) {
                store.reject(realm, consent.id(),
                        new Rejection(RejectedBy.USER, RejectionReason.customerDecline(consent.type(), status)),
                        Actor.system("keycloak-user-consents"), Channel.KEYCLOAK_CONSENTS);
            }
        }
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
