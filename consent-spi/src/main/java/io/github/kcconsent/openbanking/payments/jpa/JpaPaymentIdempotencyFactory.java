package io.github.kcconsent.openbanking.payments.jpa;

import java.util.List;

import io.github.kcconsent.openbanking.payments.PaymentIdempotency;
import io.github.kcconsent.openbanking.payments.PaymentIdempotencyFactory;
import io.github.kcconsent.support.OncePerIntervalTask;
import io.github.kcconsent.support.PartyRemovalListener;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The JPA idempotency keys. A realm's or client's keys go with it, in the same transaction
 * ({@link PartyRemovalListener}); keys past their retention are replaced when reused and purged by the
 * purge task (cluster-aware, once per interval cluster-wide).
 *
 * <p>Server options ({@code --spi-kcconsent-payment-idempotency--jpa--<key>}): {@code purge-interval} (seconds,
 * default 3600), {@code purge-batch-size} (default 1000).
 */
public class JpaPaymentIdempotencyFactory implements PaymentIdempotencyFactory {

    public static final String PROVIDER_ID = "jpa";

    @Override
    public PaymentIdempotency create(KeycloakSession session) {
        return new JpaPaymentIdempotency(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    private long purgeIntervalSeconds;
    private int purgeBatchSize;

    @Override
    public void init(Config.Scope config) {
        purgeIntervalSeconds = config.getLong("purge-interval", 3600L);
        purgeBatchSize = config.getInt("purge-batch-size", 1000);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new PartyRemovalListener<>(PaymentIdempotency.class, "payment idempotency keys"));
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                OncePerIntervalTask.schedule(factory, new IdempotencyPurgeTask(purgeBatchSize), purgeIntervalSeconds * 1000L);
            }
        });
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("purge-interval").type("int").defaultValue(3600)
                .helpText("Seconds between runs of the task that deletes payment idempotency keys older than 24 hours.").add()
                .property().name("purge-batch-size").type("int").defaultValue(1000)
                .helpText("Most expired idempotency keys deleted per realm per run.").add()
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
