package io.github.kcconsent.store;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Published by the store before it deletes consents whose realm, client or user Keycloak is removing, in that
 * removal's session and transaction: a consumer that keeps rows per consent (the webhook outbox) deletes them
 * here, so nothing of a removed party is left and the store needs to know no consumer's tables.
 */
public record ConsentsRemoved(KeycloakSession session, RealmModel realm, List<String> consentIds)
        implements ProviderEvent {

    public ConsentsRemoved {
        consentIds = List.copyOf(consentIds);
    }
}
