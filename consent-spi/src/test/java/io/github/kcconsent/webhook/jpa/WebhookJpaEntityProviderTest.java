package io.github.kcconsent.webhook.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

class WebhookJpaEntityProviderTest {

    @Test
    void theOutboxEntityIsRegisteredByWebhooksWithoutAChangelogOfItsOwn() {
        JpaEntityProvider provider = new WebhookJpaEntityProviderFactory().create(null);
        assertEquals(List.of(WebhookEventEntity.class), provider.getEntities());
        // The released changesets stay in the store's changelog; null makes Keycloak's updater skip this provider.
        assertNull(provider.getChangelogLocation());
        assertEquals(WebhookJpaEntityProviderFactory.PROVIDER_ID, provider.getFactoryId());
    }
}
