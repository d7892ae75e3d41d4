package io.github.kcconsent.webhook.jpa;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import io.github.kcconsent.clientsettings.WebhookUrlForm;
import io.github.kcconsent.receipt.ConsentReceipts;
import io.github.kcconsent.store.ConsentCreated;
import io.github.kcconsent.store.ConsentStatusChanged;
import io.github.kcconsent.store.ConsentsErased;
import io.github.kcconsent.store.ConsentsRemoved;
import io.github.kcconsent.store.RealmConsentCrypto;
import io.github.kcconsent.webhook.WebhookDispatcher;
import io.github.kcconsent.webhook.WebhookDispatcherSettings;
import io.github.kcconsent.webhook.WebhookMetrics;
import io.github.kcconsent.webhook.WebhookOutbox;
import io.github.kcconsent.webhook.WebhookOutboxFactory;
import io.micrometer.core.instrument.Metrics;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmProvider;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * The JPA outbox, and the owner of the dispatchers and the outbox re-encryption task: started after Keycloak's
 * migrations, stopped with the server. Each node runs {@code dispatchers} dispatchers; claims in the database
 * keep them (and other nodes) from sending the same attempt twice.
 *
 * <p>Shutdown order: Keycloak closes a provider factory before the factories of the providers it
 * {@link #dependsOn() depends on} (DefaultKeycloakSessionFactory#close), so declaring the JPA connection, the
 * timer and the realm provider here makes the dispatchers stop and release their claims while the database is
 * still there.
 */
public class JpaWebhookOutboxFactory implements WebhookOutboxFactory {

    public static final String PROVIDER_ID = "jpa";

    private static final Logger LOG = Logger.getLogger(JpaWebhookOutboxFactory.class);

    private WebhookDispatcherSettings settings;
    private KeycloakSessionFactory sessionFactory;
    private final List<WebhookDispatcher> dispatchers = new CopyOnWriteArrayList<>();
    private volatile boolean started;
    private volatile boolean stopping;

    @Override
    public WebhookOutbox create(KeycloakSession session) {
        return new JpaWebhookOutbox(session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                new RealmConsentCrypto(session), () -> Instant.ofEpochMilli(Time.currentTimeMillis()),
                (realm, consent, event) -> session.getProvider(ConsentReceipts.class).issue(realm, consent, event).token());
    }

    @Override
    public void init(Config.Scope config) {
        settings = WebhookDispatcherSettings.from(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.sessionFactory = factory;
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                start(factory);
            } else if (event instanceof ConsentStatusChanged changed) {
                // The outbox row is written in the change's own session and transaction.
                changed.session().getProvider(WebhookOutbox.class)
                        .statusChanged(changed.realm(), changed.consent(), changed.from());
            } else if (event instanceof ConsentCreated created) {
                // Open Finance payment consents are notified from their creation on, in its transaction too.
                created.session().getProvider(WebhookOutbox.class).created(created.realm(), created.consent());
            } else if (event instanceof ConsentsErased erased) {
                erased.session().getProvider(WebhookOutbox.class).consentsErased(erased.realm(), erased.consentIds());
            } else if (event instanceof ConsentsRemoved removed) {
                removed.session().getProvider(WebhookOutbox.class).consentsRemoved(removed.realm(), removed.consentIds());
            }
        });
    }

    private synchronized void start(KeycloakSessionFactory factory) {
        if (started || stopping) {
            return;
        }
        started = true;
        if (!settings.effectiveClaim().equals(settings.claimFor())) {
            LOG.infof("webhook claims last %d s (claim-seconds is raised to twice request-timeout-ms)",
                    settings.effectiveClaim().toSeconds());
        }
        WebhookMetrics metrics = new WebhookMetrics(Metrics.globalRegistry);
        for (int i = 0; i < settings.dispatchers(); i++) {
            WebhookDispatcher dispatcher = new WebhookDispatcher(factory, settings, metrics);
            dispatchers.add(dispatcher);
            dispatcher.start();
        }
        long every = settings.reencryptInterval().toMillis();
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class).schedule(
                new ClusterAwareScheduledTaskRunner(factory,
                        new WebhookOutboxReencryptionTask(settings.reencryptBatchSize(), () -> stopping), every), every));
    }

    @Override
    public synchronized void close() {
        stopping = true;
        if (sessionFactory != null && started) {
            try {
                KeycloakModelUtils.runJobInTransaction(sessionFactory,
                        session -> session.getProvider(TimerProvider.class).cancelTask(WebhookOutboxReencryptionTask.TASK_NAME));
            } catch (RuntimeException e) {
                LOG.debugf("webhook re-encryption task not cancelled: %s", e.toString());
            }
        }
        dispatchers.forEach(WebhookDispatcher::close);
        dispatchers.clear();
    }

    @Override
    public Set<Class<? extends Provider>> dependsOn() {
        return Set.of(JpaConnectionProvider.class, TimerProvider.class, RealmProvider.class);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("dispatchers").type("int").defaultValue(1).helpText("Dispatchers per node (0 = this node does not send).").add()
                .property().name("delivery-threads").type("int").defaultValue(8).helpText("Attempts one dispatcher runs at once.").add()
                .property().name("max-in-flight-per-partner").type("int").defaultValue(2).helpText("Attempts one dispatcher runs at once for one partner (client), so a slow partner cannot delay the others.").add()
                .property().name("poll-interval-ms").type("int").defaultValue(1000).helpText("Pause between dispatch passes.").add()
                .property().name("batch-size").type("int").defaultValue(20).helpText("Due events read per pass (each is claimed on its own, only when a thread is free).").add()
                .property().name("claim-seconds").type("int").defaultValue(60).helpText("How long the claim of one attempt lasts before another dispatcher may retry the event (at least twice request-timeout-ms).").add()
                .property().name("connect-timeout-ms").type("int").defaultValue(3000).helpText("Connect timeout of a delivery (within request-timeout-ms).").add()
                .property().name("request-timeout-ms").type("int").defaultValue(5000).helpText("Total deadline of a delivery attempt: connect, TLS, sending and the response's status line.").add()
                .property().name("initial-backoff-seconds").type("int").defaultValue(10).helpText("First retry delay; doubles each attempt, with jitter.").add()
                .property().name("max-backoff-seconds").type("int").defaultValue(3600).helpText("Longest delay between retries.").add()
                .property().name("max-age-hours").type("int").defaultValue(24).helpText("Stop retrying an event this long after it was created.").add()
                .property().name("reencrypt-interval-seconds").type("int").defaultValue(600).helpText("How often pending and past outbox payloads are moved to the realm's active field key.").add()
                .property().name("reencrypt-batch-size").type("int").defaultValue(200).helpText("Outbox rows re-encrypted per realm per run.").add()
                .property().name(WebhookUrlForm.ALLOW_HTTP_OPTION).type("boolean").defaultValue(false).helpText("Allow http:// webhook URLs (development only).").add()
                .property().name("allow-private-networks").type("boolean").defaultValue(false).helpText("Allow URLs resolving to loopback, private or link-local addresses (development only).").add()
                .build();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
