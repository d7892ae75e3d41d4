package io.github.kcconsent.openbanking.payments.jpa;

import io.github.kcconsent.openbanking.payments.PaymentIdempotency;
import io.github.kcconsent.openbanking.payments.PaymentIdempotencyFactory;
import io.github.kcconsent.support.PartyRemovalListener;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * The JPA idempotency keys. A realm's or client's keys go with it, in the same transaction
 * ({@link PartyRemovalListener}); keys past their retention are replaced when reused and purged by the
 * maintenance sweep.
 */
public class JpaPaymentIdempotencyFactory implements PaymentIdempotencyFactory {

    public static final String PROVIDER_ID = "jpa";

    @Override
    public PaymentIdempotency create(KeycloakSession session) {
        return new JpaPaymentIdempotency(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new PartyRemovalListener<>(PaymentIdempotency.class, "payment idempotency keys"));
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
