package io.github.kcconsent.token;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.ErrorResponseException;

/**
 * What our introspection adds to Keycloak's: a token carrying a consent is active only while
 * {@link ConsentBinding} says the consent may be used, and then the answer describes the consent
 * ({@link IntrospectedConsent}). Keycloak has already checked signature, expiry, session, user, client and that
 * the introspecting client is in the token's audience, so a partner never sees another partner's consent.
 * When the resource server names the partner's certificate ({@link CertificateBinding}), the token is active only
 * if it is bound to that certificate.
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

    /**
     * The certificate thumbprint the introspection request names, or {@code null}.
     *
     * @throws ErrorResponseException 400 {@code invalid_request} for an unreadable parameter (nothing is introspected)
     */
    static String expectedThumbprint(KeycloakSession session) {
        try {
            return CertificateBinding.expectedThumbprint(session.getContext().getHttpRequest().getDecodedFormParameters());
        } catch (CertificateBinding.BadParameter e) {
            throw new ErrorResponseException(OAuthErrorException.INVALID_REQUEST, e.getMessage(), Response.Status.BAD_REQUEST);
        }
    }

    /** False (and the event records why) when a certificate was named and the token is not bound to it. */
    static boolean certificatePasses(AccessToken token, String expectedThumbprint, EventBuilder event) {
        if (expectedThumbprint == null || CertificateBinding.boundTo(token, expectedThumbprint)) {
            return true;
        }
        event.detail(Details.REASON, "the token is not bound to the certificate the resource server saw");
        event.error(CertificateBinding.ERROR);
        return false;
    }
}
