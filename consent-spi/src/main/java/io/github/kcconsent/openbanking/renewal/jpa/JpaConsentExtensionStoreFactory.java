package io.github.kcconsent.openbanking.renewal.jpa;

import java.util.List;

import io.github.kcconsent.openbanking.renewal.ConsentExtensionStore;
import io.github.kcconsent.openbanking.renewal.ConsentExtensionStoreFactory;
import io.github.kcconsent.store.ConsentsErased;
import io.github.kcconsent.store.RealmConsentCrypto;
import io.github.kcconsent.support.OncePerIntervalTask;
import io.github.kcconsent.support.PartyRemovalListener;
import io.github.kcconsent.support.ReencryptionTask;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The JPA renewal history. Removes renewals on the same Keycloak removal events (realm, client, user) on
 * which the consent store removes their consents, in the same transaction ({@link PartyRemovalListener}). Also
 * schedules its own re-encryption task (cluster-aware, one node per interval): the consents' task only knows the
 * consent store, and without this an old field key could not be disabled while renewals written under it remain.
 *
 * <p>Server options ({@code --spi-kcconsent-ob-extensions--jpa--<key>}): {@code reencrypt-interval} (seconds,
 * default 600), {@code reencrypt-batch-size} (default 200).
 */
public class JpaConsentExtensionStoreFactory implements ConsentExtensionStoreFactory {

    public static final String PROVIDER_ID = "jpa";

    /** The renewals' re-encryption task; its name keys the cluster-wide claim of each interval. */
    public static final String REENCRYPT_TASK_NAME = "kcconsent-ob-extensions-reencrypt";

    private long reencryptIntervalSeconds;
    private int reencryptBatchSize;

    @Override
    public ConsentExtensionStore create(KeycloakSession session) {
        return new JpaConsentExtensionStore(session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                new RealmConsentCrypto(session));
    }

    @Override
    public void init(Config.Scope config) {
        reencryptIntervalSeconds = config.getLong("reencrypt-interval", 600L);
        reencryptBatchSize = config.getInt("reencrypt-batch-size", 200);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new PartyRemovalListener<>(ConsentExtensionStore.class, "consent renewals"));
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                OncePerIntervalTask.schedule(factory, new ReencryptionTask<>(REENCRYPT_TASK_NAME,
                        ConsentExtensionStore.class, "consent renewals", reencryptBatchSize), reencryptIntervalSeconds * 1000L);
            } else if (event instanceof ConsentsErased erased) {
                erased.session().getProvider(ConsentExtensionStore.class).consentsErased(erased.realm(), erased.consentIds());
            }
        });
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("reencrypt-interval").type("int").defaultValue(600)
                .helpText("Seconds between runs of the task that moves consent renewals to the active field key.").add()
                .property().name("reencrypt-batch-size").type("int").defaultValue(200)
                .helpText("Most consent renewals re-encrypted per realm per run.").add()
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
