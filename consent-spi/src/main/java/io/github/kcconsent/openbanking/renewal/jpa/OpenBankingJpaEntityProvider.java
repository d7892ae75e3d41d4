package io.github.kcconsent.openbanking.renewal.jpa;

import java.util.List;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds the renewal-history entity and its own Liquibase changelog to Keycloak's persistence unit. */
public class OpenBankingJpaEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(ConsentExtensionEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/kcconsent-openbanking-changelog-master.xml";
    }

    @Override
    public String getFactoryId() {
        return OpenBankingJpaEntityProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
