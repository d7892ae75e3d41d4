package io.github.kcconsent.it.openbanking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.kcconsent.it.BrowserSession;
import io.github.kcconsent.it.Chromium;
import io.github.kcconsent.it.ConsentServerConfig;
import io.github.kcconsent.it.DemoRealm;
import io.github.kcconsent.it.Http;
import io.github.kcconsent.it.PartnerCallbackReceiver;
import io.github.kcconsent.it.PartnerLinks;
import io.github.kcconsent.it.StoreDriver;
import io.github.kcconsent.it.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Open Finance journey as a real partner runs it: client-credentials token → create consent → PAR with a
 * PS256 request object (private_key_jwt, PKCE) → login and Permitir in Chromium → code → tokens carrying
 * consent:{id} → consent AUTHORISED with the chosen account → DELETE → refresh fails and introspection says
 * inactive. Plus the refusals: Ignorar, another user's CPF, a consent that is not awaiting.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class FapiAuthorizationIT {

    static final String ACCOUNTS = "[\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\",\"RESOURCES_READ\"]";
    static final SecureRandom RANDOM = new SecureRandom();

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    TppClient tpp;
    String ccToken;
    String origin;

    @BeforeEach
    void setUp() {
        tpp = new TppClient(realm.getBaseUrl());
        ccToken = tpp.privateKeyJwtToken(DemoRealm.PARTNER_CLIENT_ID, PartnerLinks.DEMO_KEY, "consents");
        origin = realm.getBaseUrl().replaceAll("/realms/.*", "");
    }

    // ---- a partner's OAuth client side ---------------------------------------------------------------

    private String createConsent(String cpf) {
        String body = OpenBankingConsentsApiIT.body(cpf, null, ACCOUNTS,
                OpenBankingConsentsApiIT.date(Instant.now().plus(Duration.ofDays(90))));
        TppClient.Reply created = tpp.create(ccToken, body);
        assertEquals(201, created.status(), created.response().body());
        return created.data().path("consentId").asText();
    }

    private String clientAssertion() {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder().issuer(DemoRealm.PARTNER_CLIENT_ID).subject(DemoRealm.PARTNER_CLIENT_ID)
                .audience(realm.getBaseUrl()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build());
    }

    private static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).type(JOSEObjectType.JWT)
                    .keyID(PartnerLinks.DEMO_KEY.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(PartnerLinks.DEMO_KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    record Authorization(String authorizeUrl, String verifier, String state) {
    }

    /** PAR with a PS256 request object carrying scope "openid consent:<id>" and a PKCE challenge. */
    private Authorization pushAuthorization(String consentId) throws Exception {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String verifier = b64(random);
        String challenge = b64(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String requestObject = sign(new JWTClaimsSet.Builder()
                .issuer(DemoRealm.PARTNER_CLIENT_ID).audience(realm.getBaseUrl())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", DemoRealm.PARTNER_CLIENT_ID)
                .claim("response_type", "code")
                .claim("redirect_uri", DemoRealm.PARTNER_REDIRECT_URI)
                .claim("scope", "openid consent:" + consentId)
                .claim("state", state)
                .claim("nonce", UUID.randomUUID().toString())
                .claim("code_challenge", challenge)
                .claim("code_challenge_method", "S256")
                .build());
        HttpResponse<String> par = post(realm.getBaseUrl() + "/protocol/openid-connect/ext/par/request", Map.of(
                "client_id", DemoRealm.PARTNER_CLIENT_ID,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", clientAssertion(),
                "request", requestObject));
        assertEquals(201, par.statusCode(), par.body());
        String requestUri = (String) JsonSerialization.readValue(par.body(), Map.class).get("request_uri");
        String url = realm.getBaseUrl() + "/protocol/openid-connect/auth?client_id=" + DemoRealm.PARTNER_CLIENT_ID
                + "&request_uri=" + URLEncoder.encode(requestUri, StandardCharsets.UTF_8);
        return new Authorization(url, verifier, state);
    }

    private static HttpResponse<String> post(String url, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return Http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> tokenRequest(Map<String, String> form) throws Exception {
        HttpResponse<String> response = post(realm.getBaseUrl() + "/protocol/openid-connect/token", form);
        Map<String, Object> body = JsonSerialization.readValue(response.body(), Map.class);
        body.put("httpStatus", response.statusCode());
        return body;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    // ---- tests ---------------------------------------------------------------------------------------

    @Test
    void partnerJourneyEndToEnd() throws Exception {
        assumeTrue(Chromium.available(), "Debian chromium and chromium-driver are required (.ci/run installs them)");
        String consentId = createConsent(DemoRealm.USER_CPF);
        Authorization authorization = pushAuthorization(consentId);

        String code;
        try (PartnerCallbackReceiver partnerSite = new PartnerCallbackReceiver(); Chromium browser = new Chromium("pt-BR")) {
            browser.driver.get(authorization.authorizeUrl());
            browser.driver.findElement(By.id("username")).sendKeys(DemoRealm.USER);
            browser.driver.findElement(By.id("password")).sendKeys(DemoRealm.USER_PASSWORD);
            browser.driver.findElement(By.id("kc-login")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.kcconsent-form")));
            assertTrue(browser.driver.getPageSource().contains("Contas: saldos"), "Open Finance permissions, grouped");
            browser.screenshot("ofb-consent");
            browser.driver.findElement(By.cssSelector("input[name='account'][value='acc-0001']")).click();
            browser.driver.findElement(By.id("kcconsent-allow")).click();
            Instant deadline = Instant.now().plusSeconds(20);
            while (partnerSite.lastQuery() == null && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertNotNull(partnerSite.lastQuery(), "the partner got the authorization response");
            Map<String, String> response = query(partnerSite.lastQuery());
            assertEquals(authorization.state(), response.get("state"));
            code = response.get("code");
            assertNotNull(code, partnerSite.lastQuery());
        }

        Map<String, Object> tokens = tokenRequest(Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", DemoRealm.PARTNER_REDIRECT_URI,
                "code_verifier", authorization.verifier(), "client_id", DemoRealm.PARTNER_CLIENT_ID,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", clientAssertion()));
        assertEquals(200, tokens.get("httpStatus"), tokens.toString());
        String accessToken = (String) tokens.get("access_token");
        String refreshToken = (String) tokens.get("refresh_token");
        assertTrue(String.valueOf(tokens.get("scope")).contains("consent:" + consentId), "the token carries the consent");

        TppClient.Reply authorised = tpp.get(ccToken, consentId);
        assertEquals("AUTHORISED", authorised.data().path("status").asText());
        Map<String, Object> stored = new StoreDriver(realm.getBaseUrl()).consent(consentId);
        assertEquals(List.of("acc-0001"), ((List<?>) stored.get("resources")).stream().map(r -> ((Map<?, ?>) r).get("resourceId")).toList());
        assertTrue(introspect(accessToken), "active while the consent is");

        assertEquals(204, tpp.delete(ccToken, consentId).status());

        Map<String, Object> refreshed = tokenRequest(Map.of(
                "grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", DemoRealm.PARTNER_CLIENT_ID,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", clientAssertion()));
        assertEquals(400, refreshed.get("httpStatus"), "refresh fails after revocation: " + refreshed);
        assertFalse(introspect(accessToken), "introspection says inactive after revocation");
    }

    /** As the bank's resource server (the token's audience, via the consent scope) checks a partner's token. */
    @SuppressWarnings("unchecked")
    private boolean introspect(String token) throws Exception {
        HttpResponse<String> response = post(realm.getBaseUrl() + "/protocol/openid-connect/token/introspect", Map.of(
                "token", token, "client_id", "ofb-resource-server", "client_secret", "demo-resource-server-secret"));
        assertEquals(200, response.statusCode(), response.body());
        return Boolean.TRUE.equals(JsonSerialization.readValue(response.body(), Map.class).get("active"));
    }

    private Map<String, String> authorizeWithHttp(Authorization authorization, String username, String password,
                                                  Map<String, List<String>> decision) {
        BrowserSession browser = new BrowserSession(origin).open(authorization.authorizeUrl());
        browser.login(username, password);
        if (decision != null && browser.showsForm("kcconsent-form")) {
            browser.submit("kcconsent-form", decision);
        }
        assertNotNull(browser.leftTo, "the partner got an answer:\n" + browser.page.body());
        return query(browser.leftTo.getRawQuery());
    }

    @Test
    void ignorarRejectsTheConsentAndAnswersAccessDenied() throws Exception {
        String consentId = createConsent(DemoRealm.USER_CPF);

        Map<String, String> answer = authorizeWithHttp(pushAuthorization(consentId), DemoRealm.USER, DemoRealm.USER_PASSWORD,
                Map.of("decision", List.of("ignore")));

        assertEquals("access_denied", answer.get("error"));
        assertFalse(answer.containsKey("code"));
        TppClient.Reply read = tpp.get(ccToken, consentId);
        assertEquals("REJECTED", read.data().path("status").asText());
        assertEquals("CUSTOMER_MANUALLY_REJECTED", read.data().path("rejection").path("reason").path("code").asText());
    }

    @Test
    void anotherUsersCpfIsAccessDeniedAndLeavesTheConsentAwaiting() throws Exception {
        String consentId = createConsent(DemoRealm.USER_CPF);
        String stranger = TestUsers.create(realm, "stranger", Map.of("cpf", List.of("11144477735"),
                "kcconsent_accounts", List.of(TestUsers.TWO_ACCOUNTS)));

        Map<String, String> answer = authorizeWithHttp(pushAuthorization(consentId), stranger, TestUsers.PASSWORD, null);

        assertEquals("access_denied", answer.get("error"));
        assertTrue(answer.getOrDefault("error_description", "").contains("loggedUser"), answer.toString());
        assertEquals("AWAITING_AUTHORISATION", tpp.get(ccToken, consentId).data().path("status").asText());
    }

    @Test
    void aConsentThatIsNotAwaitingIsAccessDenied() throws Exception {
        String consentId = createConsent(DemoRealm.USER_CPF);
        assertEquals(204, tpp.delete(ccToken, consentId).status());

        Map<String, String> answer = authorizeWithHttp(pushAuthorization(consentId), DemoRealm.USER, DemoRealm.USER_PASSWORD, null);

        assertEquals("access_denied", answer.get("error"));
        assertTrue(answer.getOrDefault("error_description", "").contains("not awaiting"), answer.toString());
    }

    @Test
    void anUnknownConsentIsAccessDenied() throws Exception {
        Map<String, String> answer = authorizeWithHttp(pushAuthorization("urn:consent-demo:" + UUID.randomUUID()),
                DemoRealm.USER, DemoRealm.USER_PASSWORD, null);

        assertEquals("access_denied", answer.get("error"));
    }
}
