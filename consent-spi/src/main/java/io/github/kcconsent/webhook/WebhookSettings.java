package io.github.kcconsent.webhook;

import io.github.kcconsent.clientsettings.ClientConsentSettings;
import org.keycloak.models.ClientModel;

/**
 * Per-client webhook settings, {@code kcconsent.webhook.url} and {@code kcconsent.webhook.enabled} ({@code true}
 * to send), from {@link ClientConsentSettings} (the client's settings mapper if it has one, its client
 * attributes otherwise). A client with no URL or not enabled gets no events.
 */
public record WebhookSettings(boolean enabled, String url) {

    public static final String URL = ClientConsentSettings.WEBHOOK_URL;
    public static final String ENABLED = ClientConsentSettings.WEBHOOK_ENABLED;

    public static WebhookSettings of(ClientModel client) {
        if (client == null) {
            return new WebhookSettings(false, null);
        }
        ClientConsentSettings settings = ClientConsentSettings.of(client);
        return new WebhookSettings(settings.webhookEnabled(), settings.webhookUrl());
    }
}
