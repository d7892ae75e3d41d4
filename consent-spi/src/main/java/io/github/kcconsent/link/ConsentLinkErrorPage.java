package io.github.kcconsent.link;

import io.github.kcconsent.link.validation.ConsentLinkError;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Maps a link error to what the user sees: a themed page explaining it in plain words (message keys in our
 * theme resources), with the specific technical code kept out of the page and in the Keycloak event.
 */
final class ConsentLinkErrorPage {

    private ConsentLinkErrorPage() {
    }

    static Response of(KeycloakSession session, ConsentLinkError error) {
        return session.getProvider(LoginFormsProvider.class)
                .setError(messageKey(error))
                .createErrorPage(status(error));
    }

    static String messageKey(ConsentLinkError error) {
        return switch (error) {
            case EXPIRED -> "kcConsentLinkExpired";
            case NOT_YET_VALID -> "kcConsentLinkNotYetValid";
            case REPLAYED -> "kcConsentLinkAlreadyUsed";
            case UNKNOWN_CLIENT, LINK_DISABLED -> "kcConsentLinkUnknownPartner";
            default -> "kcConsentLinkInvalid";
        };
    }

    private static Response.Status status(ConsentLinkError error) {
        return error == ConsentLinkError.UNKNOWN_CLIENT ? Response.Status.NOT_FOUND : Response.Status.BAD_REQUEST;
    }
}
