package io.github.kcconsent.it.fapi;

import static io.github.kcconsent.it.support.openbanking.ConsentRequests.CNPJ;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.OTHER_CPF;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.assertError;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.date;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.renewal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.Chromium;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.PartnerCallbackReceiver;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import io.github.kcconsent.it.support.openbanking.ConsentRequests;
import io.github.kcconsent.it.support.openbanking.CustomerTokens.Authorization;
import io.github.kcconsent.it.support.openbanking.CustomerTokens.Tokens;
import io.github.kcconsent.it.support.openbanking.CustomerTokens;
import io.github.kcconsent.it.support.openbanking.TppClient.Reply;
import io.github.kcconsent.it.support.openbanking.TppClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
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
 * consent:{id} → consent AUTHORISED with the chosen account → renewal ({@code /extends}) with that
 * authorization-code token, refresh still working after it, renewal with the refreshed token → DELETE →
 * refresh fails, introspection says inactive and the token no longer renews. Plus the refusals: Ignorar,
 * another user's CPF, a consent that is not awaiting; and every token {@code /extends} refuses (403 for the
 * wrong kind of token, 401 for an invalid one), with journeys run over HTTP ({@link CustomerTokens}).
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class FapiAuthorizationIT {

    static final String ACCOUNTS = "[\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\",\"RESOURCES_READ\"]";
    static final String CPF = DemoRealm.USER_CPF;

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    TppClient tpp;
    CustomerTokens oauth;
    String ccToken;

    @BeforeEach
    void setUp() {
        tpp = new TppClient(realm.getBaseUrl());
        oauth = new CustomerTokens(realm.getBaseUrl());
        ccToken = tpp.privateKeyJwtToken(DemoRealm.PARTNER_CLIENT_ID, PartnerLinks.DEMO_KEY, "consents");
    }

    private String createConsent(String cpf, Instant expiry) {
        String body = ConsentRequests.body(cpf, null, ACCOUNTS, date(expiry));
        Reply created = tpp.create(ccToken, body);
        assertEquals(201, created.status(), created.response().body());
        return created.data().path("consentId").asText();
    }

    private String createConsent(String cpf) {
        return createConsent(cpf, Instant.now().plus(Duration.ofDays(90)));
    }

    private Map<String, String> authorizeWithHttp(Authorization authorization, String username, String password,
                                                  Map<String, List<String>> decision) {
        BrowserSession browser = oauth.browser().open(authorization.authorizeUrl());
        browser.login(username, password);
        if (decision != null && browser.showsForm("kcconsent-form")) {
            browser.submit("kcconsent-form", decision);
        }
        assertNotNull(browser.leftTo, "the partner got an answer:\n" + browser.page.body());
        return CustomerTokens.query(browser.leftTo.getRawQuery());
    }

    private Authorization authorizationFor(String consentId) {
        return oauth.pushAuthorization("openid consent:" + consentId);
    }

    private int totalRenewals(String consentId) {
        return tpp.extensions(ccToken, consentId, null).json().path("meta").path("totalRecords").asInt();
    }

    // ---- tests ---------------------------------------------------------------------------------------

    @Test
    void partnerJourneyEndToEnd() throws Exception {
        Chromium.assumeAvailable();
        Instant firstExpiry = Instant.now().plus(Duration.ofDays(90));
        String consentId = createConsent(CPF, firstExpiry);
        Authorization authorization = oauth.pushAuthorization("openid consent:" + consentId);

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
            Map<String, String> response = CustomerTokens.query(partnerSite.lastQuery());
            assertEquals(authorization.state(), response.get("state"));
            code = response.get("code");
            assertNotNull(code, partnerSite.lastQuery());
        }

        Tokens tokens = oauth.exchange(code, authorization);
        assertEquals(200, tokens.status(), tokens.body().toString());
        String accessToken = tokens.accessToken();
        String refreshToken = tokens.refreshToken();
        assertTrue(tokens.scope().contains("consent:" + consentId), "the token carries the consent");
        assertEquals("ac", CustomerTokens.grantShortcut(accessToken), "Keycloak encodes authorization_code in the id");

        Reply authorised = tpp.get(ccToken, consentId);
        assertEquals("AUTHORISED", authorised.data().path("status").asText());
        Map<String, Object> stored = new StoreDriver(realm.getBaseUrl()).consent(consentId);
        assertEquals(List.of("acc-0001"), ((List<?>) stored.get("resources")).stream().map(r -> ((Map<?, ?>) r).get("resourceId")).toList());
        assertTrue(oauth.introspect(accessToken), "active while the consent is");

        // Renewal takes the customer's authorization-code token (spec: OAuth2AuthorizationCode, openid and
        // consent:{consentId}); the partner's client-credentials token is the wrong kind of token.
        String newExpiry = date(Instant.now().plus(Duration.ofDays(200)));
        assertError(tpp.extend(ccToken, consentId, renewal(CPF, null, newExpiry)), 403, "PROIBIDO");
        assertEquals(0, totalRenewals(consentId));
        Reply renewed = tpp.extend(accessToken, consentId, renewal(CPF, null, newExpiry));
        assertEquals(201, renewed.status(), renewed.response().body());
        assertEquals(newExpiry, renewed.data().path("expirationDateTime").asText());
        assertEquals("AUTHORISED", renewed.data().path("status").asText());
        assertEquals(newExpiry, tpp.get(ccToken, consentId).data().path("expirationDateTime").asText());
        Reply history = tpp.extensions(ccToken, consentId, null);
        assertEquals(1, history.json().path("meta").path("totalRecords").asInt());
        JsonNode renewal = history.data().path(0);
        assertEquals(newExpiry, renewal.path("expirationDateTime").asText());
        assertEquals(date(firstExpiry), renewal.path("previousExpirationDateTime").asText());
        assertEquals(CPF, renewal.path("loggedUser").path("document").path("identification").asText());
        assertEquals("203.0.113.7", renewal.path("xFapiCustomerIpAddress").asText());

        // After the renewal the refresh token still refreshes; the refreshed token (Keycloak reports the
        // refresh_token grant for it) still carries the consent and renews too, here to an indeterminate date.
        // Refresh tokens are not rotated: no new one comes back, and the original keeps working.
        Tokens refreshed = oauth.refresh(refreshToken);
        assertEquals(200, refreshed.status(), "refresh works after renewal: " + refreshed.body());
        assertNull(refreshed.refreshToken(), "not rotated: " + refreshed.body());
        assertEquals("rt", CustomerTokens.grantShortcut(refreshed.accessToken()));
        assertTrue(refreshed.scope().contains("consent:" + consentId), refreshed.scope());
        assertTrue(oauth.introspect(refreshed.accessToken()));
        Reply indeterminate = tpp.extend(refreshed.accessToken(), consentId, renewal(CPF, null, null));
        assertEquals(201, indeterminate.status(), indeterminate.response().body());
        assertFalse(indeterminate.data().has("expirationDateTime"));
        assertEquals(2, totalRenewals(consentId));
        assertEquals(200, oauth.refresh(refreshToken).status(), "the same refresh token refreshes again");

        assertEquals(204, tpp.delete(ccToken, consentId).status());

        Tokens afterRevocation = oauth.refresh(refreshToken);
        assertEquals(400, afterRevocation.status(), "refresh fails after revocation: " + afterRevocation.body());
        assertFalse(oauth.introspect(accessToken), "introspection says inactive after revocation");
        // The partner's sessions with the customer were cut: the token is no longer valid at all (401), so the
        // renewal of an ended consent never reaches the business rule (422 ESTADO_CONSENTIMENTO_INVALIDO).
        assertError(tpp.extend(refreshed.accessToken(), consentId, renewal(CPF, null, null)), 401, "NAO_AUTORIZADO");
        assertEquals(2, totalRenewals(consentId));
    }

    /**
     * What {@code /extends} refuses: 403 for a valid token of the wrong kind (the partner's client credentials, a
     * customer token for another consent) or a document that is not the
     * consent's; 401 for a token that is not valid (missing, tampered, expired, revoked). Journeys over HTTP;
     * one login, the other authorizations ride on the customer's Keycloak session.
     */
    @Test
    void renewalTakesOnlyTheCustomersTokenForThatConsent() throws Exception {
        BrowserSession customer = oauth.browser();
        String a = createConsent(CPF);
        Tokens tokenA = oauth.authorise(customer, a);
        String b = createConsent(CPF);
        Tokens tokenB = oauth.authorise(customer, b);
        String expiry = date(Instant.now().plus(Duration.ofDays(120)));
        String body = renewal(CPF, null, expiry);

        // Valid tokens of the wrong kind: 403.
        assertError(tpp.extend(ccToken, a, body), 403, "PROIBIDO");
        assertError(tpp.extend(tokenB.accessToken(), a, body), 403, "PROIBIDO");
        assertError(tpp.extend(tokenA.accessToken(), b, body), 403, "PROIBIDO");
        assertError(tpp.extend(tokenA.accessToken(), "urn:consent-demo:" + UUID.randomUUID(), body), 403, "PROIBIDO");
        // The consent's own token, but documents that are not the consent's: 403.
        assertError(tpp.extend(tokenA.accessToken(), a, renewal(OTHER_CPF, null, expiry)), 403, "PROIBIDO");
        assertError(tpp.extend(tokenA.accessToken(), a, renewal(CPF, CNPJ, expiry)), 403, "PROIBIDO");

        // Not a valid token: 401.
        assertError(tpp.extend(null, a, body), 401, "NAO_AUTORIZADO");
        String[] parts = tokenA.accessToken().split("\\.");
        assertError(tpp.extend(parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse(), a, body),
                401, "NAO_AUTORIZADO");
        assertError(tpp.extend(expiredToken(tokenA.refreshToken()), a, body), 401, "NAO_AUTORIZADO");
        assertEquals(0, totalRenewals(a), "nothing refused was renewed");
        assertEquals(0, totalRenewals(b));

        // The right token renews.
        Reply renewed = tpp.extend(tokenA.accessToken(), a, body);
        assertEquals(201, renewed.status(), renewed.response().body());
        assertEquals(expiry, renewed.data().path("expirationDateTime").asText());

        // A revoked token (RFC 7009 at Keycloak) is not valid any more: 401.
        assertEquals(201, tpp.extend(tokenB.accessToken(), b, body).status(), "valid before revocation");
        oauth.revoke(tokenB.accessToken());
        assertError(tpp.extend(tokenB.accessToken(), b, renewal(CPF, null, null)), 401, "NAO_AUTORIZADO");
        assertEquals(expiry, tpp.get(ccToken, b).data().path("expirationDateTime").asText(), "not renewed again");
    }

    /**
     * A real, expired customer token: the partner's access-token lifespan is set to one second for one
     * refresh, then restored; the refreshed token is returned once Keycloak's clock has passed its expiry.
     */
    @SuppressWarnings("unchecked")
    private String expiredToken(String refreshToken) throws Exception {
        ClientResource client = realm.admin().clients().get(
                realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId());
        ClientRepresentation rep = client.toRepresentation();
        Map<String, String> original = new HashMap<>(rep.getAttributes());
        Map<String, String> shortLived = new HashMap<>(original);
        shortLived.put("access.token.lifespan", "1");
        rep.setAttributes(shortLived);
        client.update(rep);
        Tokens refreshed;
        try {
            refreshed = oauth.refresh(refreshToken);
        } finally {
            rep.setAttributes(original);
            client.update(rep);
        }
        assertEquals(200, refreshed.status(), refreshed.body().toString());
        byte[] payload = Base64.getUrlDecoder().decode(refreshed.accessToken().split("\\.")[1]);
        long exp = ((Number) JsonSerialization.readValue(payload, Map.class).get("exp")).longValue();
        long iat = ((Number) JsonSerialization.readValue(payload, Map.class).get("iat")).longValue();
        assertTrue(exp - iat <= 1, "a one-second token");
        while (Instant.now().getEpochSecond() <= exp + 1) {
            Thread.sleep(200);
        }
        return refreshed.accessToken();
    }

    @Test
    void ignorarRejectsTheConsentAndAnswersAccessDenied() throws Exception {
        String consentId = createConsent(DemoRealm.USER_CPF);

        Map<String, String> answer = authorizeWithHttp(authorizationFor(consentId), DemoRealm.USER, DemoRealm.USER_PASSWORD,
                Map.of("decision", List.of("ignore")));

        assertEquals("access_denied", answer.get("error"));
        assertFalse(answer.containsKey("code"));
        Reply read = tpp.get(ccToken, consentId);
        assertEquals("REJECTED", read.data().path("status").asText());
        assertEquals("CUSTOMER_MANUALLY_REJECTED", read.data().path("rejection").path("reason").path("code").asText());
    }

    @Test
    void anotherUsersCpfIsAccessDeniedAndLeavesTheConsentAwaiting() throws Exception {
        String consentId = createConsent(DemoRealm.USER_CPF);
        String stranger = TestUsers.create(realm, "stranger", Map.of("cpf", List.of("11144477735"),
                "kcconsent_accounts", List.of(TestUsers.TWO_ACCOUNTS)));

        Map<String, String> answer = authorizeWithHttp(authorizationFor(consentId), stranger, TestUsers.PASSWORD, null);

        assertEquals("access_denied", answer.get("error"));
        assertTrue(answer.getOrDefault("error_description", "").contains("loggedUser"), answer.toString());
        assertEquals("AWAITING_AUTHORISATION", tpp.get(ccToken, consentId).data().path("status").asText());
    }

    @Test
    void aConsentThatIsNotAwaitingIsAccessDeniedAtPar() throws Exception {
        String consentId = createConsent(DemoRealm.USER_CPF);
        assertEquals(204, tpp.delete(ccToken, consentId).status());

        CustomerTokens.Pushed refused = oauth.push("openid consent:" + consentId);

        assertEquals(400, refused.response().statusCode(), refused.response().body());
        assertEquals("access_denied", refused.error());
        assertTrue(refused.errorDescription().contains("not awaiting"), refused.response().body());
    }

    @Test
    void anUnknownConsentIsAccessDeniedAtPar() throws Exception {
        CustomerTokens.Pushed refused = oauth.push("openid consent:urn:consent-demo:" + UUID.randomUUID());

        assertEquals(400, refused.response().statusCode(), refused.response().body());
        assertEquals("access_denied", refused.error());
        assertEquals("consent not found for this client", refused.errorDescription());
    }
}
