package io.github.kcconsent.decision;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.store.ConsentEvents;
import io.github.kcconsent.token.EndedConsentSessions;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keeps Keycloak's own state in line with a consent, on every status change and whoever made it (flow, API,
 * back office, self-service, expiry), inside the same transaction:
 * <ul>
 *   <li>authorised: Keycloak's user consent for the client includes the granted client scopes (so the admin
 *       and Account Consoles show it);</li>
 *   <li>ended (revoked, rejected, expired, consumed) after having been authorised: the client sessions opened
 *       for this consent end ({@link EndedConsentSessions}: exactly this consent's, never another consent's of
 *       the same customer and partner), and Keycloak's user consent goes once nothing active is left.</li>
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
            new EndedConsentSessions(session).end(realm, client, user, consent.id());
            KeycloakUserConsentMirror.ended(session, realm, consent);
        }
    }
}
