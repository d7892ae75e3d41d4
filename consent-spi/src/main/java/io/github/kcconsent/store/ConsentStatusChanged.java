package io.github.kcconsent.store;

import java.util.List;
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

    /**
     * The store's hook that announces each change as this event, each creation as {@link ConsentCreated}, each
     * renewal as {@link ConsentRenewed}, each erasure as {@link ConsentsErased} and each removal as
     * {@link ConsentsRemoved}.
     */
    public static ConsentEvents publisher(KeycloakSession session) {
        return new ConsentEvents() {
            @Override
            public void statusChanged(RealmModel realm, Consent consent, ConsentStatus from) {
                session.getKeycloakSessionFactory().publish(new ConsentStatusChanged(session, realm, consent, from));
            }

            @Override
            public void created(RealmModel realm, Consent consent) {
                session.getKeycloakSessionFactory().publish(new ConsentCreated(session, realm, consent));
            }

            @Override
            public void renewed(RealmModel realm, Consent consent) {
                session.getKeycloakSessionFactory().publish(new ConsentRenewed(session, realm, consent));
            }

            @Override
            public void consentsErased(RealmModel realm, List<String> consentIds) {
                session.getKeycloakSessionFactory().publish(new ConsentsErased(session, realm, consentIds));
            }

            @Override
            public void consentsRemoved(RealmModel realm, List<String> consentIds) {
                session.getKeycloakSessionFactory().publish(new ConsentsRemoved(session, realm, consentIds));
            }
        };
    }
}
