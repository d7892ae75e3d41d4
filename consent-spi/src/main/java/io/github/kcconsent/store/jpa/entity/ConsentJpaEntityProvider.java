package io.github.kcconsent.store.jpa.entity;

import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/**
 * Adds the store's entities and our Liquibase changelog to Keycloak's own persistence unit. The changelog also
 * creates and alters the webhook outbox table: those changesets were released here before webhooks had their
 * own entity provider, and a released changeset never moves (the webhook package's entity provider explains why
 * it has no changelog of its own).
 */
public class ConsentJpaEntityProvider implements JpaEntityProvider {

    static final List<Class<?>> ENTITIES = List.of(
            ConsentEntity.class, ConsentResourceEntity.class, ConsentStatusChangeEntity.class);

    @Override
    public List<Class<?>> getEntities() {
        return ENTITIES;
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/kcconsent-changelog-master.xml";
    }

    @Override
    public String getFactoryId() {
        return ConsentJpaEntityProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
