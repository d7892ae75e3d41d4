package io.github.kcconsent.clientsettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.protocol.ProtocolMapper;
import org.keycloak.protocol.oidc.mappers.LogoutTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenResponseMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;

class ClientConsentSettingsMapperTest {

    private final ClientConsentSettingsMapper mapper = new ClientConsentSettingsMapper();

    @Test
    void addsNothingToAnyToken() {
        // Keycloak's TokenManager applies a mapper to a token only through these interfaces.
        for (Class<?> tokenMapper : List.of(OIDCAccessTokenMapper.class, OIDCIDTokenMapper.class, UserInfoTokenMapper.class,
                TokenIntrospectionTokenMapper.class, OIDCAccessTokenResponseMapper.class, LogoutTokenMapper.class)) {
            assertFalse(tokenMapper.isAssignableFrom(ClientConsentSettingsMapper.class), tokenMapper.getSimpleName());
        }
    }

    @Test
    void registeredAsAnOidcMapper() {
        List<String> ids = new ArrayList<>();
        ServiceLoader.load(ProtocolMapper.class, getClass().getClassLoader()).stream()
                .filter(p -> p.type().getName().startsWith("io.github.kcconsent"))
                .forEach(p -> ids.add(p.get().getId()));
        assertEquals(List.of("kcconsent-client-settings"), ids);
        assertEquals("openid-connect", mapper.getProtocol());
        assertEquals("Consent settings (kc-consent)", mapper.getDisplayType());
    }

    @Test
    void theFormHasTheSevenSettingsWithTheirTypes() {
        List<ProviderConfigProperty> properties = mapper.getConfigProperties();
        assertEquals(List.of(ClientConsentSettings.LINK_ENABLED, ClientConsentSettings.LINK_ALGORITHMS,
                        ClientConsentSettings.LINK_MAX_LIFETIME, ClientConsentSettings.WEBHOOK_ENABLED, ClientConsentSettings.WEBHOOK_URL,
                        ClientConsentSettings.WEBHOOK_OPEN_FINANCE_BASE_URI, ClientConsentSettings.ORGANISATION_ID),
                properties.stream().map(ProviderConfigProperty::getName).toList());
        assertEquals(ProviderConfigProperty.MULTIVALUED_LIST_TYPE, properties.get(1).getType());
        assertEquals(List.of("RS256", "PS256"), properties.get(1).getOptions());
        assertEquals("RS256", properties.get(1).getDefaultValue());
        assertEquals(ProviderConfigProperty.STRING_TYPE, properties.get(5).getType());
        assertEquals(ProviderConfigProperty.STRING_TYPE, properties.get(6).getType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "pt_BR"})
    void everyLabelHelpAndErrorKeyIsTranslated(String locale) throws IOException {
        Properties messages = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/theme-resources/messages/messages_" + locale + ".properties")) {
            assertNotNull(in);
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<String> keys = new ArrayList<>();
        for (ProviderConfigProperty p : mapper.getConfigProperties()) {
            keys.add(p.getLabel());
            keys.add(p.getHelpText());
        }
        keys.addAll(List.of("kcConsentSettingsErrorNotClient", "kcConsentSettingsErrorDuplicate", "kcConsentSettingsErrorLifetime",
                "kcConsentSettingsErrorAlgorithm", "kcConsentSettingsErrorWebhookUrl", "kcConsentSettingsErrorWebhookUrlMissing",
                "kcConsentSettingsErrorBoolean"));
        for (String key : keys) {
            String text = messages.getProperty(key);
            assertTrue(text != null && !text.isBlank(), key + " in messages_" + locale);
            assertFalse(text.contains("'"), key + ": a single quote would be eaten by MessageFormat");
        }
    }
}
