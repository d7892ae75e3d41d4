package io.github.kcconsent.clientsettings;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Per-client consent settings as a protocol mapper, because a mapper's configuration is the per-client form
 * Keycloak 26.7's admin console renders from provider metadata (Clients → client → Client scopes →
 * {@code <client>-dedicated} → Add mapper → By configuration → "Consent settings (kc-consent)").
 *
 * <p>It maps nothing: Keycloak's TokenManager runs a mapper on a token only if it implements that token's
 * interface ({@code OIDCAccessTokenMapper}, {@code OIDCIDTokenMapper}, {@code UserInfoTokenMapper},
 * {@code TokenIntrospectionTokenMapper}, {@code OIDCAccessTokenResponseMapper}, {@code LogoutTokenMapper}),
 * and this class implements none of them. Its configuration is read by {@link ClientConsentSettings}.
 */
public class ClientConsentSettingsMapper extends AbstractOIDCProtocolMapper {

    public static final String PROVIDER_ID = "kcconsent-client-settings";

    private ClientConsentSettingsValidator validator = new ClientConsentSettingsValidator(false);

    @Override
    public void init(Config.Scope config) {
        // The URL rules must match the dispatcher's, so read its allow-http option
        // (--spi-kcconsent-webhook--jpa--allow-http) from the same place its factory gets it: the scope named by
        // WebhookUrlForm, read here at init as before, so it holds whether or not the webhook provider runs.
        Config.Scope webhook = Config.scope(WebhookUrlForm.OPTION_SPI, WebhookUrlForm.OPTION_PROVIDER);
        validator = new ClientConsentSettingsValidator(webhook != null
                && webhook.getBoolean(WebhookUrlForm.ALLOW_HTTP_OPTION, false));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return "kc-consent";
    }

    @Override
    public String getDisplayType() {
        return "Consent settings (kc-consent)";
    }

    @Override
    public String getHelpText() {
        // The console shows this text as is (it does not translate mapper type help), hence plain English.
        return "Consent link and webhook settings of this client. Adds nothing to tokens. A client with this mapper "
                + "takes all its consent settings from it, not from its kcconsent.* attributes. "
                + "Add it to the client's dedicated scope only, once per client.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ClientConsentSettingsConfigProperties.PROPERTIES;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel container,
                               ProtocolMapperModel model) throws ProtocolMapperConfigException {
        validator.validate(container, model);
    }
}
