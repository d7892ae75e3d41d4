package io.github.kcconsent.authsession;

import java.util.List;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Which consents the customer authorised in a Keycloak client session (an Open Finance authorization, or the
 * login behind a consent link): one note per consent, {@code kcconsent.consent.<consentId>}. Keycloak copies an authentication session's client notes into the
 * client session key by key, so two consents authorised in one SSO session both stay recorded. Only consent
 * ids, never personal data: client sessions are persisted in Keycloak's database.
 */
public final class ConsentSessionNotes {

    static final String PREFIX = "kcconsent.consent.";
    static final String AUTHORISED = "authorised";

    private ConsentSessionNotes() {
    }

    /** Called when the customer authorises: the code (or hybrid response) of this authorization may carry it. */
    public static void authorisedIn(AuthenticationSessionModel authSession, String consentId) {
        authSession.setClientNote(PREFIX + consentId, AUTHORISED);
    }

    public static void authorisedIn(AuthenticatedClientSessionModel clientSession, String consentId) {
        clientSession.setNote(PREFIX + consentId, AUTHORISED);
    }

    public static boolean wasAuthorisedIn(AuthenticatedClientSessionModel clientSession, String consentId) {
        return AUTHORISED.equals(clientSession.getNote(PREFIX + consentId));
    }

    public static void forget(AuthenticatedClientSessionModel clientSession, String consentId) {
        clientSession.removeNote(PREFIX + consentId);
    }

    /** The consents recorded in a client session. */
    public static List<String> consents(AuthenticatedClientSessionModel clientSession) {
        return clientSession.getNotes().keySet().stream()
                .filter(k -> k.startsWith(PREFIX))
                .map(k -> k.substring(PREFIX.length()))
                .toList();
    }
}
