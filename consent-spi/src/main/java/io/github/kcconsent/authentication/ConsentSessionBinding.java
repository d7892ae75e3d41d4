package io.github.kcconsent.authentication;

import io.github.kcconsent.backoffice.KeycloakUserConsentMirror;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.store.ConsentEvents;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.UserSessionManager;

/**
 * Keeps Keycloak's own state in line with a consent, on every status change and whoever made it (flow, API,
 * back office, self-service, expiry), inside the same transaction:
 * <ul>
 *   <li>authorised: Keycloak's user consent for the client includes the granted client scopes (so the admin
 *       and Account Consoles show it);</li>
 *   <li>ended (revoked, rejected, expired, consumed) after having been authorised: the user's sessions with
 *       that client are cut and its offline tokens revoked, so refresh tokens stop working and introspection
 *       reports the access tokens inactive; Keycloak's user consent goes once nothing active is left.</li>
 * </ul>
 */
public class ConsentSessionBinding implements ConsentEvents {

    private final KeycloakSession session;

    public ConsentSessionBinding(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void statusChanged(RealmModel realm, Consent consent, ConsentStatus from) {
        if (consent.userId() == null) {
            return;
        }
        ClientModel client = realm.getClientById(consent.clientId());
        UserModel user = session.users().getUserById(realm, consent.userId());
        if (client == null || user == null) {
            return;
        }
        if (consent.status() == ConsentStatus.AUTHORISED) {
            KeycloakUserConsentMirror.granted(session, realm, client, user, consent.permissions());
        } else if (from == ConsentStatus.AUTHORISED) {
            endSessions(realm, client, user);
            KeycloakUserConsentMirror.ended(session, realm, consent);
        }
    }

    private void endSessions(RealmModel realm, ClientModel client, UserModel user) {
        session.sessions().getUserSessionsStream(realm, user).toList().forEach(userSession -> {
            AuthenticatedClientSessionModel clientSession = userSession.getAuthenticatedClientSessionByClient(client.getId());
            if (clientSession != null) {
                clientSession.detachFromUserSession();
            }
        });
        new UserSessionManager(session).revokeOfflineToken(user, client);
    }
}
