package io.github.kcconsent.link;

import io.github.kcconsent.link.validation.ValidatedConsentLink;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The validated link as kept in the authentication session between the entry request, the login, the
 * consent screen and the final redirect. Any node of a cluster can read it: auth sessions are distributed.
 */
public record ConsentLinkRequest(String clientId, String redirectUri, String sessionMetadata, String jti) {

    static final String FLOW = "kcconsent.flow";
    static final String FLOW_LINK = "consent_link";
    static final String CLIENT_ID = "kcconsent.link.clientId";
    static final String REDIRECT_URI = "kcconsent.link.redirectUri";
    static final String SESSION_METADATA = "kcconsent.link.sessionMetadata";
    static final String JTI = "kcconsent.link.jti";

    public static ConsentLinkRequest of(ValidatedConsentLink link) {
        return new ConsentLinkRequest(link.clientId(), link.redirectUri(), link.sessionMetadataJson(), link.jti());
    }

    public void writeTo(AuthenticationSessionModel authSession) {
        authSession.setClientNote(FLOW, FLOW_LINK);
        authSession.setClientNote(CLIENT_ID, clientId);
        authSession.setClientNote(REDIRECT_URI, redirectUri);
        authSession.setClientNote(SESSION_METADATA, sessionMetadata);
        authSession.setClientNote(JTI, jti);
    }

    /** The link request behind this authentication session, or null when the session is not a consent link. */
    public static ConsentLinkRequest readFrom(AuthenticationSessionModel authSession) {
        if (!FLOW_LINK.equals(authSession.getClientNote(FLOW))) {
            return null;
        }
        return new ConsentLinkRequest(authSession.getClientNote(CLIENT_ID), authSession.getClientNote(REDIRECT_URI),
                authSession.getClientNote(SESSION_METADATA), authSession.getClientNote(JTI));
    }
}
