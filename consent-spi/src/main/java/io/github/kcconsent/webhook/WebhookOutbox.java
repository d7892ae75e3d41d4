package io.github.kcconsent.webhook;

import java.util.List;

import io.github.kcconsent.store.ConsentEvents;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Our SPI for the webhook outbox. As {@link ConsentEvents} it writes an event row in the same transaction as
 * each status change of a consent whose client has webhooks enabled; the dispatcher delivers them later.
 */
public interface WebhookOutbox extends Provider, ConsentEvents {

    List<WebhookDelivery> deliveries(RealmModel realm, String consentId);

    /** Makes a delivered or failed event of this consent due again now. False if there is no such event. */
    boolean redeliver(RealmModel realm, String consentId, String eventId);
}
