package io.github.kcconsent.store;

import io.github.kcconsent.consent.Consent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Published by the store when it has created a consent (AWAITING_AUTHORISATION, with its first history entry),
 * before the transaction commits, like {@link ConsentStatusChanged}. An event of its own rather than a status
 * change from nothing, so the listeners of status changes (the session binding, the partner's signed webhook
 * events) keep seeing exactly what they saw before; a consumer that cares about creation (the Open Finance
 * payment-consent notifications of the webhook outbox) subscribes to it in its factory's {@code postInit}.
 */
public record ConsentCreated(KeycloakSession session, RealmModel realm, Consent consent) implements ProviderEvent {
}
