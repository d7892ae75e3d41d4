package io.github.kcconsent.clientsettings;

import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_ALGORITHMS;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_ENABLED;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.LINK_MAX_LIFETIME;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.WEBHOOK_ENABLED;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.WEBHOOK_OPEN_FINANCE_BASE_URI;
import static io.github.kcconsent.clientsettings.ClientConsentSettings.WEBHOOK_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import io.github.kcconsent.clientsettings.ClientConsentSettings.Source;
import io.github.kcconsent.fakes.FakeClient;
import io.github.kcconsent.fakes.KeycloakFakes;
import io.github.kcconsent.link.ConsentLinkSettings;
import io.github.kcconsent.link.validation.ConsentLinkPolicy;
import io.github.kcconsent.webhook.WebhookKind;
import io.github.kcconsent.webhook.WebhookSettings;
import org.junit.jupiter.api.Test;

/** The resolution rule: a settings mapper wins entirely; without one, the client attributes as before. */
class ClientConsentSettingsTest {

    private static final String TYPE = ClientConsentSettingsMapper.PROVIDER_ID;

    private static FakeClient attributeClient() {
        return new FakeClient("partner")
                .attribute(LINK_ENABLED, "true")
                .attribute(LINK_ALGORITHMS, "RS256, PS256")
                .attribute(LINK_MAX_LIFETIME, "900")
                .attribute(WEBHOOK_ENABLED, "true")
                .attribute(WEBHOOK_URL, " https://partner.example/hook ");
    }

    @Test
    void withoutAMapperTheAttributesApplyAsBefore() {
        ClientConsentSettings s = ClientConsentSettings.of(attributeClient()
                .mapper("m1", "oidc-hardcoded-claim-mapper", Map.of("claim.name", "x")).model());

        assertEquals(Source.ATTRIBUTES, s.source());
        assertTrue(s.linkEnabled());
        assertEquals(Set.of("RS256", "PS256"), s.linkAlgorithms());
        assertEquals(OptionalLong.of(900), s.linkMaxLifetimeSeconds());
        assertTrue(s.webhookEnabled());
        assertEquals("https://partner.example/hook", s.webhookUrl());
    }

    @Test
    void aMapperReplacesEveryAttributeEvenTheOnesItLeavesOut() {
        // The attributes say on/900 s/webhook; the mapper only switches links on with PS256.
        ClientConsentSettings s = ClientConsentSettings.of(attributeClient()
                .mapper("m1", TYPE, Map.of(LINK_ENABLED, "true", LINK_ALGORITHMS, "PS256")).model());

        assertEquals(Source.MAPPER, s.source());
        assertTrue(s.linkEnabled());
        assertEquals(Set.of("PS256"), s.linkAlgorithms());
        assertEquals(OptionalLong.empty(), s.linkMaxLifetimeSeconds(), "the attribute's 900 s is not used");
        assertFalse(s.webhookEnabled(), "the attribute's webhook is not used");
        assertNull(s.webhookUrl());
    }

    @Test
    void aMapperSwitchedOffDisablesLinksThoughTheAttributeSaysTrue() {
        ClientConsentSettings s = ClientConsentSettings.of(attributeClient()
                .mapper("m1", TYPE, Map.of(LINK_ENABLED, "false")).model());
        assertFalse(s.linkEnabled());
        assertFalse(ConsentLinkSettings.enabled(attributeClient().mapper("m1", TYPE, Map.of(LINK_ENABLED, "false")).model()));
    }

    @Test
    void aMapperEnablesAClientWithoutAttributes() {
        FakeClient bare = new FakeClient("bare");
        assertFalse(ConsentLinkSettings.enabled(bare.model()));
        bare.mapper("m1", TYPE, Map.of(LINK_ENABLED, "true", LINK_ALGORITHMS, "RS256##PS256",
                WEBHOOK_ENABLED, "true", WEBHOOK_URL, "https://partner.example/hook"));

        assertTrue(ConsentLinkSettings.enabled(bare.model()));
        WebhookSettings webhook = WebhookSettings.of(bare.model());
        assertTrue(webhook.enabled());
        assertEquals("https://partner.example/hook", webhook.url());
    }

    @Test
    void theConsoleMultiValuedListIsSplitOnDoubleHash() {
        assertEquals(Set.of("RS256", "PS256"), mapperSettings(Map.of(LINK_ALGORITHMS, "RS256##PS256")).linkAlgorithms());
        assertEquals(Set.of("PS256"), mapperSettings(Map.of(LINK_ALGORITHMS, "ps256")).linkAlgorithms());
    }

    @Test
    void bothSourcesAcceptCommasAndDoubleHashCaseInsensitively() {
        // What the README promises: one parser for attributes and mapper configs alike.
        for (String raw : new String[] {"RS256,PS256", "RS256 , ps256", "RS256##PS256", "rs256##PS256,PS256"}) {
            assertEquals(Set.of("RS256", "PS256"), mapperSettings(Map.of(LINK_ALGORITHMS, raw)).linkAlgorithms(), raw);
            assertEquals(Set.of("RS256", "PS256"), ClientConsentSettings.of(new FakeClient("partner")
                    .attribute(LINK_ALGORITHMS, raw).model()).linkAlgorithms(), raw);
        }
        assertEquals(Set.of("PS256"), ClientConsentSettings.of(new FakeClient("partner")
                .attribute(LINK_ALGORITHMS, "HS256, PS256").model()).linkAlgorithms(), "unknown names are dropped");
    }

    @Test
    void unknownOrEmptyAlgorithmsFallBackToRs256AndAreNeverTrusted() {
        // Values that never went through validation (realm import) are read safely.
        assertEquals(Set.of("RS256"), mapperSettings(Map.of(LINK_ALGORITHMS, "")).linkAlgorithms());
        assertEquals(Set.of("RS256"), mapperSettings(Map.of(LINK_ALGORITHMS, "HS256##none")).linkAlgorithms());
        assertEquals(Set.of("PS256"), mapperSettings(Map.of(LINK_ALGORITHMS, "HS256##PS256")).linkAlgorithms());
        assertEquals(Set.of("RS256"), mapperSettings(Map.of()).linkAlgorithms());
    }

    @Test
    void unusableLifetimesAreIgnored() {
        for (String bad : new String[] {"abc", "0", "-5", "", "1.5"}) {
            assertEquals(OptionalLong.empty(), mapperSettings(Map.of(LINK_MAX_LIFETIME, bad)).linkMaxLifetimeSeconds(), bad);
        }
        assertEquals(OptionalLong.of(300), mapperSettings(Map.of(LINK_MAX_LIFETIME, " 300 ")).linkMaxLifetimeSeconds());
    }

    @Test
    void webhookNeedsBothTheSwitchAndAUrl() {
        assertFalse(mapperSettings(Map.of(WEBHOOK_ENABLED, "true")).webhookEnabled());
        assertFalse(mapperSettings(Map.of(WEBHOOK_ENABLED, "true", WEBHOOK_URL, "  ")).webhookEnabled());
        assertFalse(mapperSettings(Map.of(WEBHOOK_URL, "https://partner.example/hook")).webhookEnabled());
        assertTrue(mapperSettings(Map.of(WEBHOOK_ENABLED, "true", WEBHOOK_URL, "https://partner.example/hook")).webhookEnabled());
    }

    @Test
    void theOpenFinanceWebhookNeedsTheSameSwitchAndItsBaseUriAndIsIndependentOfTheUrl() {
        ClientConsentSettings only = mapperSettings(Map.of(WEBHOOK_ENABLED, "true", WEBHOOK_OPEN_FINANCE_BASE_URI, " https://tpp.example/wh "));
        assertTrue(only.openFinanceWebhookEnabled());
        assertEquals("https://tpp.example/wh", only.openFinanceWebhookBaseUri());
        assertFalse(only.webhookEnabled(), "no signed events without a webhook URL");
        assertFalse(mapperSettings(Map.of(WEBHOOK_OPEN_FINANCE_BASE_URI, "https://tpp.example")).openFinanceWebhookEnabled());
        assertFalse(mapperSettings(Map.of(WEBHOOK_ENABLED, "true", WEBHOOK_OPEN_FINANCE_BASE_URI, " ")).openFinanceWebhookEnabled());
        assertFalse(mapperSettings(Map.of(WEBHOOK_ENABLED, "true", WEBHOOK_URL, "https://tpp.example/hook")).openFinanceWebhookEnabled());

        // From the attributes too, and as the dispatcher sees it.
        WebhookSettings attributes = WebhookSettings.of(attributeClient()
                .attribute(WEBHOOK_OPEN_FINANCE_BASE_URI, "https://tpp.example").model());
        assertTrue(attributes.sends(WebhookKind.SIGNED_EVENT));
        assertTrue(attributes.sends(WebhookKind.OPEN_FINANCE_PAYMENT_CONSENT));
        assertEquals("https://tpp.example", attributes.openFinanceBaseUri());
        WebhookSettings off = WebhookSettings.of(attributeClient().attribute(WEBHOOK_ENABLED, "false")
                .attribute(WEBHOOK_OPEN_FINANCE_BASE_URI, "https://tpp.example").model());
        assertFalse(off.sends(WebhookKind.SIGNED_EVENT));
        assertFalse(off.sends(WebhookKind.OPEN_FINANCE_PAYMENT_CONSENT));
    }

    @Test
    void twoMappersOnOneClientSwitchEverythingOff() {
        ClientConsentSettings s = ClientConsentSettings.of(attributeClient()
                .mapper("m1", TYPE, Map.of(LINK_ENABLED, "true"))
                .mapper("m2", TYPE, Map.of(LINK_ENABLED, "true", WEBHOOK_ENABLED, "true", WEBHOOK_URL, "https://a.example/h"))
                .model());
        assertEquals(Source.CONFLICTING_MAPPERS, s.source());
        assertFalse(s.linkEnabled());
        assertFalse(s.webhookEnabled());
    }

    @Test
    void aMapperWithoutConfigIsAMapperWithEverythingOff() {
        ClientConsentSettings s = ClientConsentSettings.of(attributeClient().mapper("m1", TYPE, null).model());
        assertEquals(Source.MAPPER, s.source());
        assertFalse(s.linkEnabled());
        assertFalse(s.webhookEnabled());
    }

    @Test
    void noClientHasNothingOn() {
        ClientConsentSettings s = ClientConsentSettings.of(null);
        assertFalse(s.linkEnabled());
        assertFalse(s.webhookEnabled());
        assertFalse(WebhookSettings.of(null).enabled());
    }

    @Test
    void theLinkPolicyUsesTheMapperAndTheRealmCapStillApplies() {
        FakeClient client = new FakeClient("p").attribute(LINK_MAX_LIFETIME, "100")
                .mapper("m1", TYPE, Map.of(LINK_ENABLED, "true", LINK_ALGORITHMS, "PS256", LINK_MAX_LIFETIME, "600"));

        ConsentLinkPolicy policy = ConsentLinkSettings.policy(KeycloakFakes.realmWithAttributes(Map.of()), client.model(), "https://issuer");
        assertEquals(Set.of(JWSAlgorithm.PS256), policy.allowedAlgorithms());
        assertEquals(Duration.ofSeconds(600), policy.maxLifetime(), "the mapper's 600 s, not the attribute's 100 s");

        ConsentLinkPolicy capped = ConsentLinkSettings.policy(
                KeycloakFakes.realmWithAttributes(Map.of(LINK_MAX_LIFETIME, "120")), client.model(), "https://issuer");
        assertEquals(Duration.ofSeconds(120), capped.maxLifetime(), "the realm's lower cap wins");

        FakeClient unset = new FakeClient("q").mapper("m1", TYPE, Map.of(LINK_ENABLED, "true"));
        assertEquals(Duration.ofHours(2), ConsentLinkSettings.policy(KeycloakFakes.realmWithAttributes(Map.of()), unset.model(), "https://issuer").maxLifetime());
    }

    private static ClientConsentSettings mapperSettings(Map<String, String> config) {
        return ClientConsentSettings.of(new FakeClient("p").mapper("m1", TYPE, config).model());
    }
}
