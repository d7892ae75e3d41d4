package io.github.kcconsent.token;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import io.github.kcconsent.authsession.ConsentSessionNotes;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.store.ConsentStore;
import org.keycloak.common.util.Time;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.UserSessionManager;

/**
 * When a consent ends, ends the Keycloak client sessions (online and offline) that were opened for it and hold
 * no other consent that is still authorised. A client session shared with another live consent of the same
 * customer and partner (two authorizations in one SSO session) stays: the ended consent's tokens stop anyway,
 * because every refresh and every introspection asks {@link ConsentBinding}, while the other consent's tokens
 * keep working. Client sessions without any consent of ours are not touched.
 */
public final class EndedConsentSessions {

    private final KeycloakSession session;

    public EndedConsentSessions(KeycloakSession session) {
        this.session = session;
    }

    public void end(RealmModel realm, ClientModel client, UserModel user, String consentId) {
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        Set<String> stillActive = session.getProvider(ConsentStore.class)
                .findAuthorisedByClientAndUser(realm, client.getId(), user.getId()).stream()
                .filter(c -> c.isActive(now))
                .map(Consent::id)
                .collect(Collectors.toSet());
        session.sessions().getUserSessionsStream(realm, user).toList().forEach(userSession -> {
            AuthenticatedClientSessionModel clientSession = endedIn(userSession, client, consentId, stillActive);
            if (clientSession != null) {
                clientSession.detachFromUserSession();
            }
        });
        UserSessionManager sessions = new UserSessionManager(session);
        session.sessions().getOfflineUserSessionsStream(realm, user).toList().forEach(offline -> {
            if (endedIn(offline, client, consentId, stillActive) != null) {
                sessions.removeClientFromOfflineUserSession(realm, offline, client, user);
            }
        });
    }

    /** The client session to end, or null: forgets the consent and says whether any live one is left. */
    private static AuthenticatedClientSessionModel endedIn(UserSessionModel userSession, ClientModel client,
                                                           String consentId, Set<String> stillActive) {
        AuthenticatedClientSessionModel clientSession = userSession.getAuthenticatedClientSessionByClient(client.getId());
        if (clientSession == null || !ConsentSessionNotes.wasAuthorisedIn(clientSession, consentId)) {
            return null;
        }
        ConsentSessionNotes.forget(clientSession, consentId);
        boolean otherLiveConsent = ConsentSessionNotes.consents(clientSession).stream().anyMatch(stillActive::contains);
        return otherLiveConsent ? null : clientSession;
    }
}
