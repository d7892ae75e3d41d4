package io.github.kcconsent.store;

import io.github.kcconsent.consent.Consent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Published by the store when it gave an authorised consent a new expiration (a renewal), before the transaction
 * commits, like {@link ConsentStatusChanged}. Its own event because a renewal is no status change: the status
 * listeners (session binding, webhooks) keep seeing exactly what they saw before.
 */
public record ConsentRenewed(KeycloakSession session, RealmModel realm, Consent consent) implements ProviderEvent {
}
