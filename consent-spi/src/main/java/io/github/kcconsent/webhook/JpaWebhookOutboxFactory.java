package io.github.kcconsent.webhook;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.kcconsent.store.RealmConsentCrypto;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The JPA outbox, and the owner of the dispatcher threads: created after Keycloak's migrations, stopped with
 * the server. Each node runs {@code dispatchers} threads; claims in the database keep them from sending the
 * same attempt twice.
 */
public class JpaWebhookOutboxFactory implements WebhookOutboxFactory {

    public static final String PROVIDER_ID = "jpa";

    private WebhookDispatcherSettings settings;
    private ScheduledExecutorService executor;

    @Override
    public WebhookOutbox create(KeycloakSession session) {
        return new JpaWebhookOutbox(session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                new RealmConsentCrypto(session), () -> Instant.ofEpochMilli(Time.currentTimeMillis()));
    }

    @Override
    public void init(Config.Scope config) {
        settings = WebhookDispatcherSettings.from(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent && settings.dispatchers() > 0 && executor == null) {
                executor = Executors.newScheduledThreadPool(settings.dispatchers(), runnable -> {
                    Thread t = new Thread(runnable, "kcconsent-webhook-dispatcher");
                    t.setDaemon(true);
                    return t;
                });
                WebhookDispatcher dispatcher = new WebhookDispatcher(factory, settings);
                long every = settings.pollInterval().toMillis();
                for (int i = 0; i < settings.dispatchers(); i++) {
                    executor.scheduleWithFixedDelay(dispatcher, every, every, TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("dispatchers").type("int").defaultValue(1).helpText("Dispatcher threads per node (0 = this node does not send).").add()
                .property().name("poll-interval-ms").type("int").defaultValue(1000).helpText("Pause between dispatch passes.").add()
                .property().name("batch-size").type("int").defaultValue(20).helpText("Events claimed per pass.").add()
                .property().name("claim-seconds").type("int").defaultValue(60).helpText("How long a claim lasts before another dispatcher may retry the event.").add()
                .property().name("connect-timeout-ms").type("int").defaultValue(3000).helpText("Connect timeout of a delivery.").add()
                .property().name("request-timeout-ms").type("int").defaultValue(5000).helpText("Response timeout of a delivery.").add()
                .property().name("initial-backoff-seconds").type("int").defaultValue(10).helpText("First retry delay; doubles each attempt, with jitter.").add()
                .property().name("max-backoff-seconds").type("int").defaultValue(3600).helpText("Longest delay between retries.").add()
                .property().name("max-age-hours").type("int").defaultValue(24).helpText("Stop retrying an event this long after it was created.").add()
                .property().name("allow-http").type("boolean").defaultValue(false).helpText("Allow http:// webhook URLs (development only).").add()
                .property().name("allow-private-networks").type("boolean").defaultValue(false).helpText("Allow URLs resolving to loopback, private or link-local addresses (development only).").add()
                .build();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
