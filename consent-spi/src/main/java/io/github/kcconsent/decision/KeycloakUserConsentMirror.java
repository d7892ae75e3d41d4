package io.github.kcconsent.decision;

import java.time.Instant;
import java.util.Collection;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.store.ConsentStore;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserConsentModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.UserConsentManager;

/**
 * Mirrors authorised consents into Keycloak's own user consents, so the Admin Console (Users → Consents) and
 * the Account Console (Applications) show which partners a customer has consented to, with the granted
 * client scopes. Revoking there comes back to us through
 * {@link io.github.kcconsent.link.ConsentLinkLoginProtocolFactory#onConsentRevoked} and revokes ours.
 * Our store stays the record; Keycloak's entry is a projection of "has at least one active consent".
 */
public final class KeycloakUserConsentMirror {

    private KeycloakUserConsentMirror() {
    }

    /** An authorisation happened: make Keycloak's consent for (user, client) include these scopes. */
    public static void granted(KeycloakSession session, RealmModel realm, ClientModel client, UserModel user,
                               Collection<String> scopeNames) {
        UserConsentModel existing = UserConsentManager.getConsentByClient(session, realm, user, client.getId());
        UserConsentModel consent = existing != null ? existing : new UserConsentModel(client);
        client.getClientScopes(true).forEach((name, scope) -> {
            if (scopeNames.contains(name)) {
                consent.addGrantedClientScope(scope);
            }
        });
        if (existing == null) {
            UserConsentManager.addConsent(session, realm, user, consent);
        } else {
            UserConsentManager.updateConsent(session, realm, user, consent);
        }
    }

    /** A consent ended: drop Keycloak's entry once the user has no active consent left for the client. */
    public static void ended(KeycloakSession session, RealmModel realm, String clientInternalId, String userId) {
        if (clientInternalId == null || userId == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        boolean stillActive = session.getProvider(ConsentStore.class)
                .findAuthorisedByClientAndUser(realm, clientInternalId, userId).stream().anyMatch(c -> c.isActive(now));
        UserModel user = session.users().getUserById(realm, userId);
        if (!stillActive && user != null) {
            UserConsentManager.revokeConsentForClient(session, realm, user, clientInternalId);
        }
    }

    /** Convenience for callers holding the consent that just ended. */
    public static void ended(KeycloakSession session, RealmModel realm, Consent consent) {
        ended(session, realm, consent.clientId(), consent.userId());
    }
}
