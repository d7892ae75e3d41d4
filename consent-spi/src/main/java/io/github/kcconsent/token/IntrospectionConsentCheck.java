package io.github.kcconsent.token;

import java.time.Instant;
import java.util.List;

import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

/**
 * What our introspection adds to Keycloak's: a token carrying a consent is active only while
 * {@link ConsentBinding} says the consent may be used, and then the answer describes the consent
 * ({@link IntrospectedConsent}). Keycloak has already checked signature, expiry, session, user, client and that
 * the introspecting client is in the token's audience, so a partner never sees another partner's consent.
 */
final class IntrospectionConsentCheck {

    static final String ERROR = "consent_not_authorised";

    private IntrospectionConsentCheck() {
    }

    /** False (and the event records why) when the token's consent may not be used; true otherwise. */
    static boolean passes(KeycloakSession session, RealmModel realm, ClientModel client, UserModel user,
                          AccessToken token, AccessToken transformed, EventBuilder event) {
        List<String> consents = ConsentScopes.consentIds(token.getScope());
        if (consents.isEmpty()) {
            return true;
        }
        String problem;
        if (consents.size() > 1) {
            problem = "the token names more than one consent";
        } else {
            ConsentBinding.Verdict verdict = new ConsentBinding(session).check(realm, client, user, consents.get(0));
            if (verdict.usable()) {
                if (transformed != null) {
                    transformed.getOtherClaims().put(IntrospectedConsent.CLAIM,
                            new IntrospectedConsent(verdict.consent(), Instant.ofEpochMilli(Time.currentTimeMillis())));
                }
                return true;
            }
            problem = verdict.problem();
        }
        event.detail(Details.REASON, problem);
        event.error(ERROR);
        return false;
    }
}
