package io.github.kcconsent.store;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Published by the store after it erased the personal data of these consents (at most a few hundred ids), before
 * the transaction commits: consumers that keep personal data per consent erase theirs in the same transaction.
 */
public record ConsentsErased(KeycloakSession session, RealmModel realm, List<String> consentIds) implements ProviderEvent {
}
