package io.github.kcconsent.clientsettings;

import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_ALGORITHMS;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_ENABLED;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_MAX_LIFETIME;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.WEBHOOK_ENABLED;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.WEBHOOK_OPEN_FINANCE_BASE_URI;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.WEBHOOK_URL;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.github.kcconsent.fakes.FakeClient;
import io.github.kcconsent.fakes.KeycloakFakes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.protocol.ProtocolMapperConfigException;

/** What an administrator may save in the settings mapper (console or admin REST API). */
class ClientConsentSettingsValidatorTest {

    private static final String TYPE = ClientConsentSettingsMapper.PROVIDER_ID;

    private final ClientConsentSettingsValidator strict = new ClientConsentSettingsValidator(false);

    private static ProtocolMapperModel newMapper(Map<String, String> config) {
        return FakeClient.mapperModel(null, TYPE, config);
    }

    private ProtocolMapperConfigException refused(Map<String, String> config) {
        return assertThrows(ProtocolMapperConfigException.class, () -> strict.validateConfig(config));
    }

    @Test
    void aCompleteConfigIsAccepted() {
        assertDoesNotThrow(() -> strict.validate(new FakeClient("p").model(), newMapper(Map.of(
                LINK_ENABLED, "true", LINK_ALGORITHMS, "RS256##PS256", LINK_MAX_LIFETIME, "600",
                WEBHOOK_ENABLED, "true", WEBHOOK_URL, "https://partner.example/hook"))));
    }

    @Test
    void emptyValuesMeanTheDefaults() {
        assertDoesNotThrow(() -> strict.validateConfig(Map.of()));
        assertDoesNotThrow(() -> strict.validateConfig(Map.of(LINK_ENABLED, "", LINK_ALGORITHMS, "", LINK_MAX_LIFETIME, " ",
                WEBHOOK_ENABLED, "false", WEBHOOK_URL, "")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "7201", "99999", "abc", "1.5", "10s", "99999999999999"})
    void lifetimeMustBeAnIntegerFrom1To7200(String lifetime) {
        ProtocolMapperConfigException e = refused(Map.of(LINK_MAX_LIFETIME, lifetime));
        assertEquals("kcConsentSettingsErrorLifetime", e.getMessageKey());
        assertTrue(e.getMessage().contains("from 1 to 7200"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "600", "7200", " 300 "})
    void lifetimeBounds(String lifetime) {
        assertDoesNotThrow(() -> strict.validateConfig(Map.of(LINK_MAX_LIFETIME, lifetime)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "none", "RS512", "RS256##HS256", "PS256,ES256"})
    void onlyRs256AndPs256(String algorithms) {
        ProtocolMapperConfigException e = refused(Map.of(LINK_ALGORITHMS, algorithms));
        assertEquals("kcConsentSettingsErrorAlgorithm", e.getMessageKey());
    }

    @Test
    void booleansMustBeBooleans() {
        assertEquals("kcConsentSettingsErrorBoolean", refused(Map.of(LINK_ENABLED, "yes")).getMessageKey());
        assertEquals("kcConsentSettingsErrorBoolean", refused(Map.of(WEBHOOK_ENABLED, "1")).getMessageKey());
        assertDoesNotThrow(() -> strict.validateConfig(Map.of(LINK_ENABLED, "TRUE", WEBHOOK_ENABLED, "False")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://partner.example/hook",          // plain http while allow-http is off
            "ftp://partner.example/hook",
            "https://user:pass@partner.example/hook",
            "https://partner.example/hook#frag",
            "https:///nohost",
            "not a url"})
    void webhookUrlFollowsTheDispatcherRules(String url) {
        ProtocolMapperConfigException e = refused(Map.of(WEBHOOK_URL, url));
        assertEquals("kcConsentSettingsErrorWebhookUrl", e.getMessageKey());
    }

    @Test
    void httpIsAcceptedOnlyWhenTheServerAllowsIt() {
        assertDoesNotThrow(() -> new ClientConsentSettingsValidator(true)
                .validateConfig(Map.of(WEBHOOK_ENABLED, "true", WEBHOOK_URL, "http://127.0.0.1:8599/hook")));
        assertEquals("kcConsentSettingsErrorWebhookUrl", refused(Map.of(WEBHOOK_URL, "http://127.0.0.1:8599/hook")).getMessageKey());
    }

    @Test
    void savingDoesNotResolveTheHost() {
        // .invalid never resolves (RFC 2606): accepted at save time; the dispatcher checks addresses per attempt.
        assertDoesNotThrow(() -> strict.validateConfig(Map.of(WEBHOOK_URL, "https://no-such-host.invalid/hook")));
    }

    @Test
    void webhookSwitchedOnNeedsAUrl() {
        assertEquals("kcConsentSettingsErrorWebhookUrlMissing", refused(Map.of(WEBHOOK_ENABLED, "true")).getMessageKey());
        assertEquals("kcConsentSettingsErrorWebhookUrlMissing",
                refused(Map.of(WEBHOOK_ENABLED, "true", WEBHOOK_URL, "  ")).getMessageKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://tpp.example",                   // plain http while allow-http is off
            "ftp://tpp.example",
            "https://user:pass@tpp.example",
            "https://tpp.example/hooks#frag",
            "https://tpp.example/hooks?x=1",        // the notification paths are appended to it
            "https:///nohost",
            "not a url"})
    void anOpenFinanceWebhookBaseUriFollowsTheDispatcherRulesAndHasNoQuery(String base) {
        ProtocolMapperConfigException e = refused(Map.of(WEBHOOK_ENABLED, "true", WEBHOOK_OPEN_FINANCE_BASE_URI, base));
        assertEquals("kcConsentSettingsErrorWebhookOpenFinanceBaseUri", e.getMessageKey());
        assertTrue(e.getMessage().startsWith("Open Finance webhook base URI refused: "), e.getMessage());
    }

    @Test
    void aPaymentInitiatorMayHaveOnlyTheOpenFinanceWebhook() {
        assertDoesNotThrow(() -> strict.validateConfig(Map.of(WEBHOOK_ENABLED, "true",
                WEBHOOK_OPEN_FINANCE_BASE_URI, "https://tpp.example/webhooks")));
        assertDoesNotThrow(() -> strict.validateConfig(Map.of(WEBHOOK_ENABLED, "true", WEBHOOK_URL, "https://tpp.example/hook",
                WEBHOOK_OPEN_FINANCE_BASE_URI, "https://tpp.example")));
        assertDoesNotThrow(() -> new ClientConsentSettingsValidator(true).validateConfig(Map.of(WEBHOOK_ENABLED, "true",
                WEBHOOK_OPEN_FINANCE_BASE_URI, "http://127.0.0.1:8599/ofb")));
        assertEquals("kcConsentSettingsErrorWebhookUrlMissing",
                refused(Map.of(WEBHOOK_ENABLED, "true", WEBHOOK_URL, " ", WEBHOOK_OPEN_FINANCE_BASE_URI, " ")).getMessageKey());
    }

    @Test
    void notOnASharedClientScope() {
        ProtocolMapperConfigException e = assertThrows(ProtocolMapperConfigException.class,
                () -> strict.validate(KeycloakFakes.clientScope("shared-scope"), newMapper(Map.of(LINK_ENABLED, "true"))));
        assertEquals("kcConsentSettingsErrorNotClient", e.getMessageKey());
    }

    @Test
    void onlyOneSettingsMapperPerClient() {
        FakeClient client = new FakeClient("partner")
                .mapper("other", "oidc-hardcoded-claim-mapper", Map.of())
                .mapper("existing", TYPE, Map.of(LINK_ENABLED, "true"));

        ProtocolMapperConfigException e = assertThrows(ProtocolMapperConfigException.class,
                () -> strict.validate(client.model(), newMapper(Map.of(LINK_ENABLED, "true"))));
        assertEquals("kcConsentSettingsErrorDuplicate", e.getMessageKey());
        assertEquals("partner", e.getParameters()[0]);
        assertTrue(e.getMessage().contains("Client partner already has consent settings"), e.getMessage());

        // Updating the existing one is not a second one.
        assertDoesNotThrow(() -> strict.validate(client.model(),
                FakeClient.mapperModel("existing", TYPE, Map.of(LINK_ENABLED, "false"))));
    }

    @Test
    void otherMapperTypesDoNotCount() {
        FakeClient client = new FakeClient("partner").mapper("other", "oidc-hardcoded-claim-mapper", Map.of());
        assertDoesNotThrow(() -> strict.validate(client.model(), newMapper(Map.of(LINK_ENABLED, "true"))));
    }

    @Test
    void anOrganisationIdIsAnIdAndNothingElse() {
        assertDoesNotThrow(() -> strict.validateConfig(Map.of(ClientConsentSettings.ORGANISATION_ID,
                "5f69111d-5cb5-4d1d-9e5b-0e4b5b3d7a21")));
        for (String bad : new String[] {"<script>", "org id", "a".repeat(101), "org\nid", "\"quoted\""}) {
            assertEquals("kcConsentSettingsErrorOrganisationId",
                    refused(Map.of(ClientConsentSettings.ORGANISATION_ID, bad)).getMessageKey(), bad);
        }
    }
}
