package io.github.kcconsent.store.jpa;

import java.time.Instant;
import io.github.kcconsent.store.ConsentStatusChanged;
import io.github.kcconsent.store.ConsentStore;
import io.github.kcconsent.store.ConsentStoreFactory;
import io.github.kcconsent.store.RealmConsentCrypto;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The JPA consent store. Also owns what happens to consents when Keycloak removes their realm, client or
 * user (they are deleted with their history: a consent cannot outlive the parties it binds, and removing a
 * user must remove their personal data). Status changes are announced as {@link ConsentStatusChanged}; the
 * store calls none of its consumers, and the work done on its rows in the background (expiry, re-encryption) is
 * scheduled by the maintenance's own factory.
 */
public class JpaConsentStoreFactory implements ConsentStoreFactory {

    public static final String PROVIDER_ID = "jpa";

    private static final Logger LOG = Logger.getLogger(JpaConsentStoreFactory.class);

    @Override
    public ConsentStore create(KeycloakSession session) {
        return new JpaConsentStore(
                session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                new RealmConsentCrypto(session),
                () -> Instant.ofEpochMilli(Time.currentTimeMillis()),
                ConsentStatusChanged.publisher(session));
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent e) {
                int removed = store(e.getKeycloakSession()).removeByRealm(e.getRealm());
                LOG.debugf("removed %d consents with realm %s", removed, e.getRealm().getId());
            } else if (event instanceof ClientModel.ClientRemovedEvent e) {
                ClientModel client = e.getClient();
                int removed = store(e.getKeycloakSession()).removeByClient(client.getRealm(), client.getId());
                LOG.debugf("removed %d consents with client %s", removed, client.getId());
            } else if (event instanceof UserModel.UserRemovedEvent e) {
                int removed = store(e.getKeycloakSession()).removeByUser(e.getRealm(), e.getUser().getId());
                LOG.debugf("removed %d consents with user %s", removed, e.getUser().getId());
            }
        });
    }

    private static ConsentStore store(KeycloakSession session) {
        return session.getProvider(ConsentStore.class);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
