package io.github.kcconsent.webhook;

import org.keycloak.models.ClientModel;

/**
 * Per-client webhook settings (client attributes): {@code kcconsent.webhook.url} and
 * {@code kcconsent.webhook.enabled} ({@code true} to send). A client with no URL or not enabled gets no events.
 */
public record WebhookSettings(boolean enabled, String url) {

    public static final String URL = "kcconsent.webhook.url";
    public static final String ENABLED = "kcconsent.webhook.enabled";

    public static WebhookSettings of(ClientModel client) {
        if (client == null) {
            return new WebhookSettings(false, null);
        }
        String url = client.getAttribute(URL);
        boolean enabled = Boolean.parseBoolean(client.getAttribute(ENABLED)) && url != null && !url.isBlank();
        return new WebhookSettings(enabled, url == null ? null : url.trim());
    }
}
