package io.github.kcconsent.clientsettings;

import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_ALGORITHMS;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_ALGORITHM_NAMES;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_ENABLED;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_MAX_LIFETIME;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.MAX_LINK_LIFETIME_SECONDS;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.WEBHOOK_ENABLED;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.ORGANISATION_ID;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.WEBHOOK_OPEN_FINANCE_BASE_URI;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.WEBHOOK_URL;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.protocol.ProtocolMapperConfigException;

/**
 * The checks applied when an administrator saves the settings mapper (the console and the admin REST API's
 * protocol-mappers endpoints both call {@code validateConfig}; Keycloak answers 400 with the message and stores
 * nothing). Messages are keys of this jar's theme messages, with the English text as fallback.
 */
final class ClientConsentSettingsValidator {

    /** Directory organisation ids are UUIDs; anything id-like is accepted, nothing that could smuggle markup. */
    private static final Pattern ORGANISATION_ID_FORM = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final boolean allowHttp;

    /** @param allowHttp the webhook dispatcher's {@code allow-http} server option ({@link WebhookUrlForm}) */
    ClientConsentSettingsValidator(boolean allowHttp) {
        this.allowHttp = allowHttp;
    }

    void validate(ProtocolMapperContainerModel container, ProtocolMapperModel model) throws ProtocolMapperConfigException {
        if (!(container instanceof ClientModel client)) {
            // A shared client scope would hand one partner's settings to every client using the scope.
            throw error("kcConsentSettingsErrorNotClient",
                    "Consent settings are per client: add this mapper to the dedicated scope of the client, not to a shared client scope.");
        }
        boolean another = client.getProtocolMappersStream()
                .anyMatch(m -> ClientConsentSettingsMapper.PROVIDER_ID.equals(m.getProtocolMapper())
                        && !Objects.equals(m.getId(), model.getId()));
        if (another) {
            throw error("kcConsentSettingsErrorDuplicate",
                    "Client {0} already has consent settings: edit that mapper instead of adding another.", client.getClientId());
        }
        validateConfig(model.getConfig() == null ? Map.of() : model.getConfig());
    }

    void validateConfig(Map<String, String> config) throws ProtocolMapperConfigException {
        requireBoolean(config, LINK_ENABLED);
        requireBoolean(config, WEBHOOK_ENABLED);

        String lifetime = trimmed(config.get(LINK_MAX_LIFETIME));
        if (!lifetime.isEmpty()) {
            int seconds;
            try {
                seconds = Integer.parseInt(lifetime);
            } catch (NumberFormatException e) {
                seconds = 0;
            }
            if (seconds < 1 || seconds > MAX_LINK_LIFETIME_SECONDS) {
                throw error("kcConsentSettingsErrorLifetime",
                        "Maximum link lifetime must be a whole number of seconds from 1 to {1} (got \"{0}\").",
                        lifetime, String.valueOf(MAX_LINK_LIFETIME_SECONDS));
            }
        }

        for (String name : ClientConsentSettings.algorithmNames(config.get(LINK_ALGORITHMS))) {
            if (!LINK_ALGORITHM_NAMES.contains(name.toUpperCase(Locale.ROOT))) {
                throw error("kcConsentSettingsErrorAlgorithm",
                        "Algorithm \"{0}\" is not allowed for consent links; choose from {1}.",
                        name, String.join(", ", LINK_ALGORITHM_NAMES));
            }
        }

        String url = trimmed(config.get(WEBHOOK_URL));
        if (!url.isEmpty()) {
            // The rules the dispatcher applies too (WebhookUrlForm), without its address check: saving must not
            // depend on DNS (a partner may register the URL before its name resolves, and the answer can change
            // later anyway); the dispatcher resolves and refuses private, loopback and link-local addresses
            // before every delivery attempt.
            try {
                WebhookUrlForm.check(url, allowHttp);
            } catch (IllegalArgumentException refused) {
                throw error("kcConsentSettingsErrorWebhookUrl", "Webhook URL refused: {0}.", refused.getMessage());
            }
        }
        String openFinanceBase = trimmed(config.get(WEBHOOK_OPEN_FINANCE_BASE_URI));
        if (!openFinanceBase.isEmpty()) {
            // The same rules, and no query: the notification paths are appended to it.
            try {
                WebhookUrlForm.checkBase(openFinanceBase, allowHttp);
            } catch (IllegalArgumentException refused) {
                throw error("kcConsentSettingsErrorWebhookOpenFinanceBaseUri", "Open Finance webhook base URI refused: {0}.",
                        refused.getMessage());
            }
        }
        String organisationId = trimmed(config.get(ORGANISATION_ID));
        if (!organisationId.isEmpty() && !ORGANISATION_ID_FORM.matcher(organisationId).matches()) {
            throw error("kcConsentSettingsErrorOrganisationId",
                    "Organisation id must be 1 to 100 letters, digits, '-', '_', '.' or ':' (got \"{0}\").", organisationId);
        }
        if (Boolean.parseBoolean(trimmed(config.get(WEBHOOK_ENABLED))) && url.isEmpty() && openFinanceBase.isEmpty()) {
            throw error("kcConsentSettingsErrorWebhookUrlMissing",
                    "Webhooks are switched on but no webhook URL is set: set the webhook URL, the Open Finance webhook base URI, or both.");
        }
    }

    private static void requireBoolean(Map<String, String> config, String key) throws ProtocolMapperConfigException {
        String value = trimmed(config.get(key));
        if (!value.isEmpty() && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw error("kcConsentSettingsErrorBoolean", "{0} must be true or false (got \"{1}\").", key, value);
        }
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }

    /** Keycloak answers {@code error} = the English message, {@code error_description} = the localized key. */
    private static ProtocolMapperConfigException error(String key, String english, Object... parameters) {
        // Keycloak's constructor order: (messageKey, message, parameters).
        return new ProtocolMapperConfigException(key, new MessageFormat(english, Locale.ENGLISH).format(parameters), parameters);
    }
}
