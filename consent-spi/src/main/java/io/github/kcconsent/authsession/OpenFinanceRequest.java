package io.github.kcconsent.authsession;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The Open Finance authorization's part of an authentication session: which consent the request's
 * {@code consent:<id>} scope names ({@value #CONSENT_NOTE}, a client note so it survives the login steps) and
 * whether the customer already authorised it ({@value #AUTHORISED_NOTE}: Keycloak re-evaluates required-action
 * triggers after the action, and the customer must not be asked twice). Only consent ids, never personal data.
 */
public final class OpenFinanceRequest {

    static final String CONSENT_NOTE = "kcconsent.ofb.consentId";
    static final String AUTHORISED_NOTE = "kcconsent.ofb.authorised";

    private OpenFinanceRequest() {
    }

    /** Records the consent this authorization asks the customer to decide. */
    public static void ask(AuthenticationSessionModel authSession, String consentIdOrMarker) {
        authSession.setClientNote(CONSENT_NOTE, consentIdOrMarker);
    }

    /** The consent (or marker) recorded by {@link #ask}, or null when this is not an Open Finance authorization. */
    public static String consentId(AuthenticationSessionModel authSession) {
        return authSession.getClientNote(CONSENT_NOTE);
    }

    public static void markAuthorised(AuthenticationSessionModel authSession, String consentId) {
        authSession.setAuthNote(AUTHORISED_NOTE, consentId);
    }

    /** Whether the customer already authorised {@code consentId} in this authentication session. */
    public static boolean isAuthorised(AuthenticationSessionModel authSession, String consentId) {
        return consentId != null && consentId.equals(authSession.getAuthNote(AUTHORISED_NOTE));
    }
}
