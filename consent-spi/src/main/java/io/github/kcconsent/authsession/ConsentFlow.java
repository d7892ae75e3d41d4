package io.github.kcconsent.authsession;

import java.util.Optional;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Which of our flows an authentication session belongs to, in its one client note ({@value #NOTE}). Our login
 * protocol serves two flows (a consent link, and the self-service login that only returns to the consent
 * list), and the consent screen must tell them apart; the note and its values are defined here only, so no
 * flow reads another's keys.
 */
public enum ConsentFlow {

    CONSENT_LINK("consent_link"),
    SELF_SERVICE("self_service");

    static final String NOTE = "kcconsent.flow";
    /** Where a self-service login goes back to: a URL our resource built, never one from the request. */
    static final String RETURN_NOTE = "kcconsent.selfservice.return";

    private final String value;

    ConsentFlow(String value) {
        this.value = value;
    }

    public void mark(AuthenticationSessionModel authSession) {
        authSession.setClientNote(NOTE, value);
    }

    public boolean isOf(AuthenticationSessionModel authSession) {
        return value.equals(authSession.getClientNote(NOTE));
    }

    /** Marks a self-service login that ends with a redirect to {@code returnUrl}. */
    public static void startSelfService(AuthenticationSessionModel authSession, String returnUrl) {
        SELF_SERVICE.mark(authSession);
        authSession.setClientNote(RETURN_NOTE, returnUrl);
    }

    /** The return URL when this is a self-service login, else empty. */
    public static Optional<String> selfServiceReturn(AuthenticationSessionModel authSession) {
        return SELF_SERVICE.isOf(authSession) ? Optional.ofNullable(authSession.getClientNote(RETURN_NOTE)) : Optional.empty();
    }
}
