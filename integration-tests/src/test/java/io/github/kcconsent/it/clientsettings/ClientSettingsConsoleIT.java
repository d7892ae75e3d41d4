package io.github.kcconsent.it.clientsettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import io.github.kcconsent.it.support.Chromium;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import io.github.kcconsent.it.support.WebhookReceiver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.config.Config;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Per-client consent settings edited where the admin console edits them: the {@code kcconsent-client-settings}
 * protocol mapper on the client's dedicated scope. First through the admin REST calls the console makes
 * (POST/PUT {@code /admin/realms/{realm}/clients/{id}/protocol-mappers/models}), then through the console itself
 * in Chromium.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ClientSettingsConsoleIT {

    private static final String MAPPER_TYPE = "kcconsent-client-settings";
    private static final String ENABLED = "kcconsent.link.enabled";
    private static final String ALGORITHMS = "kcconsent.link.algorithms";
    private static final String MAX_LIFETIME = "kcconsent.link.maxLifetimeSeconds";
    private static final String WEBHOOK_ENABLED = "kcconsent.webhook.enabled";
    private static final String WEBHOOK_URL = "kcconsent.webhook.url";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    PartnerLinks partner;
    String adminRealmUrl;

    @BeforeEach
    void setUp() {
        partner = new PartnerLinks(realm.getBaseUrl());
        adminRealmUrl = realm.getBaseUrl().replace("/realms/", "/admin/realms/");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A partner like demo-partner (same keys and redirect URI) but without any kcconsent.* attribute. */
    private String newPartner(String prefix) {
        ClientRepresentation demo = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0);
        ClientRepresentation c = new ClientRepresentation();
        c.setClientId(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        c.setName("Settings partner");
        c.setProtocol("openid-connect");
        c.setEnabled(true);
        c.setPublicClient(false);
        c.setClientAuthenticatorType("client-jwt");
        c.setStandardFlowEnabled(true);
        c.setRedirectUris(List.of(DemoRealm.PARTNER_REDIRECT_URI));
        Map<String, String> attributes = new HashMap<>();
        attributes.put("use.jwks.string", "true");
        attributes.put("jwks.string", demo.getAttributes().get("jwks.string"));
        c.setAttributes(attributes);
        try (var response = realm.admin().clients().create(c)) {
            assertEquals(201, response.getStatus());
        }
        return c.getClientId();
    }

    private String idOf(String clientId) {
        return realm.admin().clients().findByClientId(clientId).get(0).getId();
    }

    private void setAttributes(String clientId, Map<String, String> extra) {
        ClientRepresentation c = realm.admin().clients().findByClientId(clientId).get(0);
        Map<String, String> attributes = new HashMap<>(c.getAttributes());
        attributes.putAll(extra);
        c.setAttributes(attributes);
        realm.admin().clients().get(c.getId()).update(c);
    }

    private static Map<String, Object> mapper(Map<String, String> config) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("name", "consent settings");
        rep.put("protocol", "openid-connect");
        rep.put("protocolMapper", MAPPER_TYPE);
        rep.put("config", config);
        return rep;
    }

    private HttpResponse<String> call(String method, String url, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(body)));
            return Http.send(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the console sends on Save of a new mapper. */
    private HttpResponse<String> addMapper(String clientId, Map<String, String> config) {
        return call("POST", adminRealmUrl + "/clients/" + idOf(clientId) + "/protocol-mappers/models", mapper(config));
    }

    /** What the console sends on Save of an existing mapper. */
    private HttpResponse<String> updateMapper(String clientId, ProtocolMapperRepresentation existing, Map<String, String> config) {
        Map<String, Object> rep = mapper(config);
        rep.put("id", existing.getId());
        rep.put("name", existing.getName());
        return call("PUT", adminRealmUrl + "/clients/" + idOf(clientId) + "/protocol-mappers/models/" + existing.getId(), rep);
    }

    private List<ProtocolMapperRepresentation> settingsMappers(String clientId) {
        return realm.admin().clients().get(idOf(clientId)).getProtocolMappers().getMappers().stream()
                .filter(m -> MAPPER_TYPE.equals(m.getProtocolMapper())).toList();
    }

    @SuppressWarnings("unchecked")
    private static String errorDescription(HttpResponse<String> response) {
        try {
            return (String) JsonSerialization.readValue(response.body(), Map.class).get("error_description");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JWTClaimsSet.Builder claimsFor(String clientId) {
        return partner.validClaims().claim("client_id", clientId).issuer(clientId);
    }

    /** "accepted" when the link leads to the realm's login page, otherwise the error of the LOGIN_ERROR event. */
    private String open(String clientId, JWTClaimsSet claims, JWSAlgorithm alg) {
        realm.admin().clearEvents();
        String url = partner.link(clientId, "consent", partner.sign(claims, alg, PartnerLinks.DEMO_KEY, h -> { }));
        HttpResponse<String> response = Http.get(url);
        if (response.statusCode() == 200 && response.body().contains("kc-form-login")) {
            return "accepted";
        }
        List<EventRepresentation> events = realm.admin().getEvents(List.of("LOGIN_ERROR"), null, null, null, null, null, 0, 10);
        return events.isEmpty() ? "HTTP " + response.statusCode() : events.get(0).getError();
    }

    private String open(String clientId, JWSAlgorithm alg) {
        return open(clientId, claimsFor(clientId).build(), alg);
    }

    // ---- REST: what the console does -------------------------------------------------------------------------

    @Test
    void theMapperEnablesLinksForAClientWithoutAttributesAndSwitchesThemOffAgain() {
        String client = newPartner("settings-link");
        assertEquals("consent_link_link_disabled", open(client, JWSAlgorithm.PS256), "no attributes, no mapper: off");

        HttpResponse<String> created = addMapper(client, Map.of(ENABLED, "true", ALGORITHMS, "PS256", MAX_LIFETIME, "7200"));
        assertEquals(201, created.statusCode(), created.body());

        assertEquals("accepted", open(client, JWSAlgorithm.PS256), "the mapper switched links on");
        assertEquals("consent_link_algorithm_not_allowed", open(client, JWSAlgorithm.RS256),
                "the mapper's algorithms (PS256 only) apply, not the RS256 default");

        // The attributes now say on (and RS256); the mapper says off, and the mapper wins.
        setAttributes(client, Map.of(ENABLED, "true", ALGORITHMS, "RS256,PS256"));
        ProtocolMapperRepresentation stored = settingsMappers(client).get(0);
        HttpResponse<String> updated = updateMapper(client, stored, Map.of(ENABLED, "false", ALGORITHMS, "PS256"));
        assertEquals(204, updated.statusCode(), updated.body());
        assertEquals("consent_link_link_disabled", open(client, JWSAlgorithm.PS256), "off in the mapper though the attribute says true");
        assertEquals("consent_link_link_disabled", open(client, JWSAlgorithm.RS256));

        // Without the mapper the client attributes apply again, exactly as before.
        realm.admin().clients().get(idOf(client)).getProtocolMappers().delete(stored.getId());
        assertEquals("accepted", open(client, JWSAlgorithm.RS256), "back to the attributes");
    }

    @Test
    void theMappersMaximumLifetimeIsEnforced() {
        String client = newPartner("settings-lifetime");
        // An attribute that would allow far less: ignored once the mapper is there.
        setAttributes(client, Map.of(MAX_LIFETIME, "60"));
        assertEquals(201, addMapper(client, Map.of(ENABLED, "true", ALGORITHMS, "RS256", MAX_LIFETIME, "300")).statusCode());

        Instant now = Instant.now();
        JWTClaimsSet tenMinutes = claimsFor(client).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))).build();
        assertEquals("consent_link_lifetime_too_long", open(client, tenMinutes, JWSAlgorithm.RS256));

        JWTClaimsSet fourMinutes = claimsFor(client).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(240))).build();
        assertEquals("accepted", open(client, fourMinutes, JWSAlgorithm.RS256), "240 s is within the mapper's 300 s (the attribute's 60 s is not used)");
    }

    @Test
    void invalidSettingsAreRefusedWith400AndNothingIsStored() {
        String client = newPartner("settings-invalid");
        Map<Map<String, String>, String> invalid = new LinkedHashMap<>();
        invalid.put(Map.of(ENABLED, "true", MAX_LIFETIME, "0"), "from 1 to 7200");
        invalid.put(Map.of(ENABLED, "true", MAX_LIFETIME, "99999"), "from 1 to 7200");
        invalid.put(Map.of(ENABLED, "true", MAX_LIFETIME, "abc"), "from 1 to 7200");
        invalid.put(Map.of(ENABLED, "true", ALGORITHMS, "HS256"), "Algorithm \"HS256\" is not allowed");
        invalid.put(Map.of(ENABLED, "true", ALGORITHMS, "RS256##HS256"), "Algorithm \"HS256\" is not allowed");
        // The test server runs with allow-http (the webhook receiver is plain http), so http:// is accepted
        // here (see webhookUrlFromTheMapperIsUsed); the unit tests cover http:// refused without it.
        invalid.put(Map.of(WEBHOOK_ENABLED, "true", WEBHOOK_URL, "ftp://partner.example/hook"), "Webhook URL refused");
        invalid.put(Map.of(WEBHOOK_ENABLED, "true", WEBHOOK_URL, "https://user:pw@partner.example/hook"), "Webhook URL refused");
        invalid.put(Map.of(WEBHOOK_ENABLED, "true"), "no webhook URL is set");
        invalid.put(Map.of(ENABLED, "yes"), "must be true or false");

        for (Map.Entry<Map<String, String>, String> e : invalid.entrySet()) {
            HttpResponse<String> response = addMapper(client, e.getKey());
            assertEquals(400, response.statusCode(), e.getKey() + ": " + response.body());
            String description = errorDescription(response);
            assertTrue(description != null && description.contains(e.getValue()), e.getKey() + ": " + response.body());
            assertEquals(List.of(), settingsMappers(client), "nothing stored for " + e.getKey());
        }

        // One per client: a second one is refused, and the first is untouched.
        assertEquals(201, addMapper(client, Map.of(ENABLED, "true", MAX_LIFETIME, "600")).statusCode());
        HttpResponse<String> second = addMapper(client, Map.of(ENABLED, "false"));
        assertEquals(400, second.statusCode(), second.body());
        assertTrue(errorDescription(second).contains("already has consent settings"), second.body());
        List<ProtocolMapperRepresentation> stored = settingsMappers(client);
        assertEquals(1, stored.size());
        assertEquals("600", stored.get(0).getConfig().get(MAX_LIFETIME));

        // Saving the existing one with a bad value is refused the same way and changes nothing.
        HttpResponse<String> badUpdate = updateMapper(client, stored.get(0), Map.of(ENABLED, "true", MAX_LIFETIME, "abc"));
        assertEquals(400, badUpdate.statusCode(), badUpdate.body());
        assertEquals("600", settingsMappers(client).get(0).getConfig().get(MAX_LIFETIME));

        // Not on a shared client scope: settings are per client.
        ClientScopeRepresentation scope = new ClientScopeRepresentation();
        scope.setName("shared-" + UUID.randomUUID().toString().substring(0, 8));
        scope.setProtocol("openid-connect");
        String scopeId;
        try (var response = realm.admin().clientScopes().create(scope)) {
            assertEquals(201, response.getStatus());
            scopeId = realm.admin().clientScopes().findAll().stream().filter(s -> scope.getName().equals(s.getName()))
                    .findFirst().orElseThrow().getId();
        }
        HttpResponse<String> onScope = call("POST", adminRealmUrl + "/client-scopes/" + scopeId + "/protocol-mappers/models",
                mapper(Map.of(ENABLED, "true")));
        assertEquals(400, onScope.statusCode(), onScope.body());
        assertTrue(errorDescription(onScope).contains("per client"), onScope.body());
        assertEquals(List.of(), realm.admin().clientScopes().get(scopeId).getProtocolMappers().getMappers());
    }

    @Test
    void webhookUrlFromTheMapperIsUsed() throws Exception {
        String client = newPartner("settings-webhook");
        // The attributes say no webhook; the mapper sends to the receiver.
        setAttributes(client, Map.of(WEBHOOK_ENABLED, "false"));
        HttpResponse<String> created = addMapper(client, Map.of(WEBHOOK_ENABLED, "true", WEBHOOK_URL, WebhookReceiver.URL));
        assertEquals(201, created.statusCode(), created.body());

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            StoreDriver store = new StoreDriver(realm.getBaseUrl());
            String consentId = (String) store.create(Map.of("clientId", idOf(client), "permissions", List.of("accounts"),
                    "origin", "CONSENT_LINK", "sessionMetadata", "{\"user_session\":\"s-1\"}")).get("id");
            String userId = TestUsers.idOf(realm, DemoRealm.USER);
            StoreDriver.Reply authorised = store.post("/consents/" + StoreDriver.encode(consentId) + "/authorise", Map.of(
                    "userId", userId, "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", "Conta"))));
            assertEquals(200, authorised.status(), String.valueOf(authorised.body()));

            Eventually.await("the delivery to the mapper's URL", () -> !receiver.receivedFor(consentId).isEmpty());
            assertEquals("consent_requested", receiver.receivedFor(consentId).get(0).eventType());
            assertTrue(WebhookReceiver.PayloadPeek.payload(receiver.receivedFor(consentId).get(0).body()).contains(client));
        }
    }

    // ---- The console itself, in Chromium -----------------------------------------------------------------------

    @Test
    void theAdminConsoleFormCreatesTheMapper() {
        Chromium.assumeAvailable();
        String client = newPartner("console");
        String clientUuid = idOf(client);
        String origin = realm.getBaseUrl().replaceAll("/realms/.*", "");

        try (Chromium browser = new Chromium("en")) {
            try {
                fillTheConsoleForm(browser, clientUuid, origin);
            } catch (RuntimeException | AssertionError e) {
                browser.screenshot("console-settings-failure");
                throw e;
            }
        }

        List<ProtocolMapperRepresentation> stored = settingsMappers(client);
        assertEquals(1, stored.size(), "the console stored one settings mapper");
        Map<String, String> config = stored.get(0).getConfig();
        assertEquals("true", config.get(ENABLED));
        assertEquals("RS256##PS256", config.get(ALGORITHMS), "default RS256 plus the PS256 picked in the form");
        assertEquals("900", config.get(MAX_LIFETIME));
        assertEquals("true", config.get(WEBHOOK_ENABLED));
        assertEquals("https://partner.example/hook", config.get(WEBHOOK_URL));
        assertEquals("accepted", open(client, JWSAlgorithm.PS256), "and the client now accepts PS256 links");
    }

    private void fillTheConsoleForm(Chromium browser, String clientUuid, String origin) {
        WebDriver driver = browser.driver;
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.get(origin + "/admin/master/console/#/" + realm.getName() + "/clients/" + clientUuid + "/clientScopes/dedicated");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(Config.getAdminUsername());
        driver.findElement(By.id("password")).sendKeys(Config.getAdminPassword());
        driver.findElement(By.id("kc-login")).click();

        // The dedicated scope's Mappers tab, empty: "Configure a new mapper" opens the "By configuration" list
        // (the same dialog as Add mapper → By configuration once the client has mappers).
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[data-testid='configure-a-new-mapper-empty-action']"))).click();
        WebElement row = wait.until(ExpectedConditions.elementToBeClickable(By.id(MAPPER_TYPE)));
        assertTrue(row.getText().contains("Consent settings (kc-consent)"), row.getText());
        browser.screenshot("console-settings-mapper-list");
        row.click();

        // The mapper form, rendered from the provider's metadata with our translated labels.
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='name']")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Consent link enabled"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Maximum link lifetime (seconds)"));
        name.sendKeys("consent settings");

        click(driver, field(wait, ENABLED));
        // Multi-valued list: RS256 is preselected (the default); add PS256.
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id='" + ALGORITHMS + "']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[@role='option'][normalize-space()='PS256']"))).click();
        WebElement lifetime = field(wait, MAX_LIFETIME);
        lifetime.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        lifetime.sendKeys("900");
        click(driver, field(wait, WEBHOOK_ENABLED));
        WebElement url = field(wait, WEBHOOK_URL);
        url.click();
        url.sendKeys("https://partner.example/hook");
        browser.screenshot("console-settings-mapper-form");

        driver.findElement(By.xpath("//button[@type='submit'][normalize-space()='Save']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Mapping successfully created"));
        browser.screenshot("console-settings-mapper-saved");

        // Back on the mapper list: Add mapper → By configuration → the same type again is refused, and the
        // console shows why.
        wait.until(ExpectedConditions.elementToBeClickable(By.id("mapperAction"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[@role='menuitem'][normalize-space()='By configuration']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id(MAPPER_TYPE))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='name']"))).sendKeys("second");
        driver.findElement(By.xpath("//button[@type='submit'][normalize-space()='Save']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "already has consent settings"));
        browser.screenshot("console-settings-mapper-duplicate-refused");
    }

    /** The form control of a config property: the console gives it data-testid = the property name. */
    private static WebElement field(WebDriverWait wait, String property) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='" + property + "']")));
    }

    /** A JS click: PatternFly switches hide their checkbox input under the label. */
    private static void click(WebDriver driver, WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].click();", element);
    }
}
