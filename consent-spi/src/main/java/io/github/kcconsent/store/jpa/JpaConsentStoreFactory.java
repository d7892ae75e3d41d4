package io.github.kcconsent.store.jpa;

import java.time.Instant;

import io.github.kcconsent.store.ConsentCreated;
import io.github.kcconsent.store.ConsentStatusChanged;
import io.github.kcconsent.store.ConsentStore;
import io.github.kcconsent.store.ConsentStoreFactory;
import io.github.kcconsent.store.RealmConsentCrypto;
import io.github.kcconsent.support.PartyRemovalListener;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * The JPA consent store. Also owns what happens to consents when Keycloak removes their realm, client or
 * user (they are deleted with their history: a consent cannot outlive the parties it binds, and removing a
 * user must remove their personal data). Status changes are announced as {@link ConsentStatusChanged}, creations as {@link ConsentCreated}; the
 * store calls none of its consumers, and the work done on its rows in the background (expiry, re-encryption) is
 * scheduled by the maintenance's own factory.
 */
public class JpaConsentStoreFactory implements ConsentStoreFactory {

    public static final String PROVIDER_ID = "jpa";

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
        factory.register(new PartyRemovalListener<>(ConsentStore.class, "consents"));
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
