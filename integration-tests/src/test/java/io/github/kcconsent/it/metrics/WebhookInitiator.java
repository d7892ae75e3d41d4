package io.github.kcconsent.it.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.github.kcconsent.it.support.WebhookReceiver;
import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * A payment initiator of its own whose Open Finance notifications go to {@link WebhookReceiver}, so a test
 * can count one delivery without the demo partner's webhook settings changing for the other tests.
 */
final class WebhookInitiator {

    private WebhookInitiator() {
    }

    /** @return the new client's id (remove it when done) */
    static String create(ManagedRealm realm, String prefix) {
        ClientRepresentation initiator = new ClientRepresentation();
        initiator.setClientId(prefix + UUID.randomUUID().toString().substring(0, 8));
        initiator.setPublicClient(false);
        initiator.setAttributes(new HashMap<>(Map.of("kcconsent.webhook.enabled", "true",
                "kcconsent.webhook.openFinanceBaseUri", WebhookReceiver.OPEN_FINANCE_BASE_URI)));
        try (Response created = realm.admin().clients().create(initiator)) {
            assertEquals(201, created.getStatus());
        }
        return realm.admin().clients().findByClientId(initiator.getClientId()).get(0).getId();
    }
}
