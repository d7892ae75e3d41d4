package io.github.kcconsent.store;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Published by the store on Keycloak's session factory for every status change, after the change and its history
 * row are written and before the transaction commits. Keycloak calls the listeners at once, on the same thread
 * and session, so what a listener writes (the webhook outbox row) commits or rolls back with the change, and a
 * listener that throws makes the change fail. The store knows no listener: each consumer registers its own in
 * its factory's {@code postInit}.
 */
public record ConsentStatusChanged(KeycloakSession session, RealmModel realm, Consent consent, ConsentStatus from)
        implements ProviderEvent {

    /** The store's hook that announces each change as this event. */
    public static ConsentEvents publisher(KeycloakSession session) {
        return (realm, consent, from) -> session.getKeycloakSessionFactory()
                .publish(new ConsentStatusChanged(session, realm, consent, from));
    }
}
