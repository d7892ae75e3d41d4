package io.github.kcconsent.store.jpa.entity;

import io.github.kcconsent.webhook.WebhookEventEntity;
import java.util.List;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds our entities and Liquibase changelog to Keycloak's own persistence unit. */
public class ConsentJpaEntityProvider implements JpaEntityProvider {

    static final List<Class<?>> ENTITIES = List.of(
            ConsentEntity.class, ConsentResourceEntity.class, ConsentStatusChangeEntity.class,
            WebhookEventEntity.class);

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
