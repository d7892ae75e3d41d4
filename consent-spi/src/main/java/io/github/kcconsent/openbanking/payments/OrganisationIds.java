package io.github.kcconsent.openbanking.payments;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;

/**
 * Who is who in a signed message: Open Finance names both parties by their Directory organisation id. The
 * partner's is the client attribute {@value #ATTRIBUTE} (the {@code iss} of its requests and the {@code aud} of
 * our answers); the bank's is the realm attribute of the same name (the {@code iss} of our answers), by default
 * the realm's issuer URL. Both are set in the admin console (client or realm, Attributes) or in realm JSON.
 */
final class OrganisationIds {

    static final String ATTRIBUTE = "kcconsent.organisationId";

    private OrganisationIds() {
    }

    /** The partner's organisation id, or null when the client was not set up for signed messages. */
    static String of(ClientModel client) {
        String value = client.getAttribute(ATTRIBUTE);
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String bank(KeycloakSession session, RealmModel realm) {
        String value = realm.getAttribute(ATTRIBUTE);
        if (value != null && !value.isBlank()) {
            return value.trim();
        }
        return Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName());
    }
}
