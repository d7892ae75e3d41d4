package io.github.kcconsent.store.jpa;

import java.time.Instant;
import java.util.List;

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
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The JPA consent store. Also owns what happens to consents when Keycloak removes their realm, client or
 * user (they are deleted with their history, or, for a user of a realm that keeps the audit trail, erased). Status
 * changes are announced as {@link ConsentStatusChanged}, creations as {@link ConsentCreated}; the store calls none
 * of its consumers, and the work done on its rows in the background (expiry, re-encryption) is scheduled by the
 * maintenance's own factory.
 *
 * <p>Server option ({@code --spi-kcconsent-store--jpa--per-customer-keys}): {@code true} (default) encrypts each
 * customer's consent data under a data key of their own, wrapped by the realm's field key (envelope encryption,
 * so that an erasure destroys the key to what is left of their data); {@code false} writes new consents under the realm's key, as before
 * 0.4.0.
 */
public class JpaConsentStoreFactory implements ConsentStoreFactory {

    public static final String PROVIDER_ID = "jpa";

    static final String PER_CUSTOMER_KEYS = "per-customer-keys";

    private boolean perCustomerKeys = true;

    @Override
    public ConsentStore create(KeycloakSession session) {
        return new JpaConsentStore(
                session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                new RealmConsentCrypto(session),
                () -> Instant.ofEpochMilli(Time.currentTimeMillis()),
                ConsentStatusChanged.publisher(session),
                perCustomerKeys);
    }

    @Override
    public void init(Config.Scope config) {
        perCustomerKeys = config.getBoolean(PER_CUSTOMER_KEYS, true);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(PER_CUSTOMER_KEYS).type("boolean").defaultValue(true)
                .helpText("Encrypt each customer's consent data under a data key of their own, wrapped by the realm's field key.").add()
                .build();
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
