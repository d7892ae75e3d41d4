package io.github.kcconsent.webhook.jpa;

import java.util.List;

import io.github.kcconsent.support.EntityProviderFactory;

/**
 * Adds the outbox entity to Keycloak's persistence unit, so webhooks own their entity instead of the consent
 * store listing it.
 *
 * <p>No changelog of its own, on purpose: the {@code KCC_WEBHOOK_OUTBOX} changesets were released in the store's
 * changelog ({@code META-INF/kcconsent-changelog-*.xml}, recorded in {@code DATABASECHANGELOG_KCCONSENT_}) and
 * stay there, because Liquibase knows a changeset by id, author and file: moved to another changelog (another
 * history table) it would run again on every existing database. Keycloak 26.7's JPA updater
 * ({@code QuarkusJpaUpdaterProvider}, like {@code LiquibaseJpaUpdaterProvider}) skips a provider whose
 * changelog location is null: no history table, nothing to validate. An empty changelog would instead create a
 * history table for nothing, and any later changeset in it could not rely on the store's table existing: the
 * updater runs the providers' changelogs in the order of {@code session.getAllProviders(JpaEntityProvider.class)},
 * a hash set, so the order is not defined. New changesets for this table therefore go into a new file of the
 * store's changelog.
 */
public class WebhookJpaEntityProviderFactory extends EntityProviderFactory {

    /**
     * Keycloak would name this provider's Liquibase history table after the first 10 letters of the id; it has
     * no changelog today, but an id starting {@code kcconsent-} would share the store's table
     * ({@code DATABASECHANGELOG_KCCONSENT_}) if it ever got one, so this one deliberately does not.
     */
    public static final String PROVIDER_ID = "kcc-webhook-entities";

    public WebhookJpaEntityProviderFactory() {
        super(PROVIDER_ID, null, List.of(WebhookEventEntity.class));
    }
}
