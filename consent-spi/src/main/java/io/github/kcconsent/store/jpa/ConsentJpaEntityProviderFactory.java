package io.github.kcconsent.store.jpa;

import java.util.List;
import io.github.kcconsent.support.EntityProviderFactory;

/**
 * Adds the store's entities and our Liquibase changelog to Keycloak's own persistence unit. The changelog also
 * creates and alters the webhook outbox table: those changesets were released here before webhooks had their
 * own entity provider, and a released changeset never moves (see {@code WebhookJpaEntityProviderFactory}).
 */
public class ConsentJpaEntityProviderFactory extends EntityProviderFactory {

    /** Also the Liquibase changelog table suffix Keycloak derives for our changesets. */
    public static final String PROVIDER_ID = "kcconsent-entities";
    public static final String CHANGELOG = "META-INF/kcconsent-changelog-master.xml";
    static final List<Class<?>> ENTITIES = List.of(
            ConsentEntity.class, ConsentResourceEntity.class, ConsentStatusChangeEntity.class, ConsentDataKeyEntity.class);

    public ConsentJpaEntityProviderFactory() {
        super(PROVIDER_ID, CHANGELOG, ENTITIES);
    }
}
