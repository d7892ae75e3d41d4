package io.github.kcconsent.webhook;

import io.github.kcconsent.clientsettings.ClientConsentSettings;
import org.keycloak.models.ClientModel;

/**
 * Per-client webhook settings from {@link ClientConsentSettings} (the client's settings mapper if it has one, its
 * client attributes otherwise): {@code kcconsent.webhook.enabled} ({@code true} to send) is the one switch;
 * {@code kcconsent.webhook.url} receives the signed events, {@code kcconsent.webhook.openFinanceBaseUri} the Open
 * Finance payment-consent notifications. A client gets each kind only when switched on and its address is set.
 */
public record WebhookSettings(boolean enabled, String url, boolean openFinanceEnabled, String openFinanceBaseUri) {

    public static final String URL = ClientConsentSettings.WEBHOOK_URL;
    public static final String ENABLED = ClientConsentSettings.WEBHOOK_ENABLED;
    public static final String OPEN_FINANCE_BASE_URI = ClientConsentSettings.WEBHOOK_OPEN_FINANCE_BASE_URI;

    public static WebhookSettings of(ClientModel client) {
        if (client == null) {
            return new WebhookSettings(false, null, false, null);
        }
        ClientConsentSettings settings = ClientConsentSettings.of(client);
        return new WebhookSettings(settings.webhookEnabled(), settings.webhookUrl(),
                settings.openFinanceWebhookEnabled(), settings.openFinanceWebhookBaseUri());
    }

    /** Whether events of this kind are sent to the client now. */
    public boolean sends(WebhookKind kind) {
        return switch (kind) {
            case SIGNED_EVENT -> enabled;
            case OPEN_FINANCE_PAYMENT_CONSENT -> openFinanceEnabled;
        };
    }
}
