package io.github.kcconsent.clientsettings;

import static io.github.kcconsent.clientsettings.ClientConsentSettings.DEFAULT_LINK_ALGORITHM;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_ALGORITHMS;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_ALGORITHM_NAMES;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_ENABLED;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_MAX_LIFETIME;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.MAX_LINK_LIFETIME_SECONDS;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.WEBHOOK_ENABLED;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.ORGANISATION_ID;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.WEBHOOK_OPEN_FINANCE_BASE_URI;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.WEBHOOK_URL;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The form the admin console renders for the settings mapper. Labels and help texts are message keys: the
 * console translates them with the admin theme's {@code messages} bundle, which includes this jar's
 * {@code theme-resources/messages/messages_<locale>.properties} (English and Portuguese).
 */
final class ClientConsentSettingsConfigProperties {

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(LINK_ENABLED)
                .label("kcConsentSettingsLinkEnabled").helpText("kcConsentSettingsLinkEnabledHelp")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false).add()
            .property().name(LINK_ALGORITHMS)
                .label("kcConsentSettingsLinkAlgorithms").helpText("kcConsentSettingsLinkAlgorithmsHelp")
                .type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE).options(LINK_ALGORITHM_NAMES)
                .defaultValue(DEFAULT_LINK_ALGORITHM).add()
            .property().name(LINK_MAX_LIFETIME)
                .label("kcConsentSettingsLinkMaxLifetime").helpText("kcConsentSettingsLinkMaxLifetimeHelp")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(MAX_LINK_LIFETIME_SECONDS)).add()
            .property().name(WEBHOOK_ENABLED)
                .label("kcConsentSettingsWebhookEnabled").helpText("kcConsentSettingsWebhookEnabledHelp")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false).add()
            .property().name(WEBHOOK_URL)
                .label("kcConsentSettingsWebhookUrl").helpText("kcConsentSettingsWebhookUrlHelp")
                .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(WEBHOOK_OPEN_FINANCE_BASE_URI)
                .label("kcConsentSettingsWebhookOpenFinanceBaseUri").helpText("kcConsentSettingsWebhookOpenFinanceBaseUriHelp")
                .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(ORGANISATION_ID)
                .label("kcConsentSettingsOrganisationId").helpText("kcConsentSettingsOrganisationIdHelp")
                .type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    private ClientConsentSettingsConfigProperties() {
    }
}
