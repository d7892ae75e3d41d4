package io.github.kcconsent.authsession;

import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.FieldContext;
import io.github.kcconsent.link.validation.ValidatedConsentLink;
import io.github.kcconsent.store.RealmConsentCrypto;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The validated link as kept in the authentication session between the entry request, the login, the
 * consent screen and the final redirect. Any node of a cluster can read it: auth sessions are distributed.
 *
 * <p>Keycloak copies an authentication session's client notes into the client session it creates, and client
 * sessions are persisted in its database. So only non-personal values are client notes (client id, redirect
 * URI, jti); the partner's session metadata, which may hold anything about the customer, is an
 * authentication-session note only (never copied), and even there it is AES-GCM encrypted with the realm's field
 * key, bound to this realm, authentication session and tab.
 */
public record ConsentLinkRequest(String clientId, String redirectUri, String sessionMetadata, String jti) {

    static final String CLIENT_ID = "kcconsent.link.clientId";
    static final String REDIRECT_URI = "kcconsent.link.redirectUri";
    static final String SESSION_METADATA = "kcconsent.link.sessionMetadata";
    static final String JTI = "kcconsent.link.jti";

    public static ConsentLinkRequest of(ValidatedConsentLink link) {
        return new ConsentLinkRequest(link.clientId(), link.redirectUri(), link.sessionMetadataJson(), link.jti());
    }

    public void writeTo(KeycloakSession session, AuthenticationSessionModel authSession) {
        ConsentFlow.CONSENT_LINK.mark(authSession);
        authSession.setClientNote(CLIENT_ID, clientId);
        authSession.setClientNote(REDIRECT_URI, redirectUri);
        authSession.setClientNote(JTI, jti);
        authSession.setAuthNote(SESSION_METADATA, cipher(session, authSession.getRealm())
                .encrypt(context(authSession), sessionMetadata));
    }

    /** The link request behind this authentication session, or null when the session is not a consent link. */
    public static ConsentLinkRequest readFrom(KeycloakSession session, AuthenticationSessionModel authSession) {
        if (!isLink(authSession)) {
            return null;
        }
        String metadata = cipher(session, authSession.getRealm())
                .decrypt(context(authSession), authSession.getAuthNote(SESSION_METADATA));
        return new ConsentLinkRequest(authSession.getClientNote(CLIENT_ID), authSession.getClientNote(REDIRECT_URI),
                metadata, authSession.getClientNote(JTI));
    }

    /** Whether this authentication session was started by a consent link. */
    public static boolean isLink(AuthenticationSessionModel authSession) {
        return ConsentFlow.CONSENT_LINK.isOf(authSession);
    }

    private static FieldCipher cipher(KeycloakSession session, RealmModel realm) {
        return new RealmConsentCrypto(session).cipher(realm);
    }

    private static FieldContext context(AuthenticationSessionModel authSession) {
        return new FieldContext(authSession.getRealm().getId(),
                "auth-session:" + authSession.getParentSession().getId() + ":" + authSession.getTabId(), SESSION_METADATA);
    }
}
