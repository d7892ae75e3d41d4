package io.github.kcconsent.webhook.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcconsent.clientsettings.WebhookUrlForm;
import io.github.kcconsent.webhook.WebhookOutboxSpi;
import org.junit.jupiter.api.Test;

class JpaWebhookOutboxFactoryTest {

    @Test
    void theSettingsValidatorReadsAllowHttpWhereTheDispatcherDoes() {
        // The client settings name the option's scope as strings (they may not import webhooks): these pin them.
        assertEquals(WebhookOutboxSpi.NAME, WebhookUrlForm.OPTION_SPI);
        assertEquals(JpaWebhookOutboxFactory.PROVIDER_ID, WebhookUrlForm.OPTION_PROVIDER);
        assertTrue(new JpaWebhookOutboxFactory().getConfigMetadata().stream()
                .anyMatch(p -> p.getName().equals(WebhookUrlForm.ALLOW_HTTP_OPTION)));
    }
}
