package io.github.kcconsent.openbanking.payments;

import io.github.kcconsent.clientsettings.ClientConsentSettings;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;

/**
 * Who is who in a signed message: Open Finance names both parties by their Directory organisation id. The
 * partner's is one of its consent settings ({@link ClientConsentSettings#ORGANISATION_ID}: the field
 * "Organisation id" of its consent settings mapper in the admin console, or the client attribute of that name),
 * the {@code iss} of its requests and the {@code aud} of our answers. The bank's is the realm attribute of the
 * same name (the {@code iss} of our answers), by default the realm's issuer URL.
 */
final class OrganisationIds {

    static final String ATTRIBUTE = ClientConsentSettings.ORGANISATION_ID;

    private OrganisationIds() {
    }

    /** The partner's organisation id, or null when the client was not set up for signed messages. */
    static String of(ClientModel client) {
        return ClientConsentSettings.of(client).organisationId();
    }

    static String bank(KeycloakSession session, RealmModel realm) {
        String value = realm.getAttribute(ATTRIBUTE);
        if (value != null && !value.isBlank()) {
            return value.trim();
        }
        return Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName());
    }
}
