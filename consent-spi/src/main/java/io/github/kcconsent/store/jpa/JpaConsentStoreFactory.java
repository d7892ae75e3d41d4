package io.github.kcconsent.store.jpa;

import java.time.Instant;
import java.util.List;
import io.github.kcconsent.maintenance.ConsentMaintenanceScheduler;
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
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The JPA consent store. Also owns what happens to consents when Keycloak removes their realm, client or
 * user (they are deleted with their history: a consent cannot outlive the parties it binds, and removing a
 * user must remove their personal data), and schedules the cluster-aware expiry and re-encryption tasks. Status
 * changes are announced as {@link ConsentStatusChanged}; the store calls none of its consumers.
 *
 * <p>Server options ({@code --spi-kcconsent-store--jpa--<key>}): {@code expiry-interval} (seconds, default 60),
 * {@code expiry-batch-size} (default 500), {@code reencrypt-interval} (seconds, default 600),
 * {@code reencrypt-batch-size} (default 200).
 */
public class JpaConsentStoreFactory implements ConsentStoreFactory {

    public static final String PROVIDER_ID = "jpa";

    private static final Logger LOG = Logger.getLogger(JpaConsentStoreFactory.class);

    private ConsentMaintenanceScheduler.Settings maintenance;

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
        maintenance = new ConsentMaintenanceScheduler.Settings(
                config.getLong("expiry-interval", 60L),
                config.getInt("expiry-batch-size", 500),
                config.getLong("reencrypt-interval", 600L),
                config.getInt("reencrypt-batch-size", 200));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                new ConsentMaintenanceScheduler(maintenance).schedule(factory);
            } else if (event instanceof RealmModel.RealmRemovedEvent e) {
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
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("expiry-interval").type("int").defaultValue(60)
                .helpText("Seconds between runs of the expiry sweeper (cluster-wide, one node at a time).").add()
                .property().name("expiry-batch-size").type("int").defaultValue(500)
                .helpText("Most consents expired per realm per run.").add()
                .property().name("reencrypt-interval").type("int").defaultValue(600)
                .helpText("Seconds between runs of the re-encryption task that moves rows to the active key.").add()
                .property().name("reencrypt-batch-size").type("int").defaultValue(200)
                .helpText("Most consents re-encrypted per realm per run.").add()
                .build();
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
