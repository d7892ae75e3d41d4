package io.github.kcconsent.it.token;

import static io.github.kcconsent.it.support.openbanking.ConsentRequests.CNPJ;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.body;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import io.github.kcconsent.it.support.openbanking.CustomerTokens.Authorization;
import io.github.kcconsent.it.support.openbanking.CustomerTokens.Pushed;
import io.github.kcconsent.it.support.openbanking.CustomerTokens.Tokens;
import io.github.kcconsent.it.support.openbanking.CustomerTokens;
import io.github.kcconsent.it.support.openbanking.TppClient.Reply;
import io.github.kcconsent.it.support.openbanking.TppClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The seam between our consent and Keycloak's token, tried as partners (and a careless or hostile one) would:
 * a token carries exactly the one consent the customer decided, in this authorization; it lives as long as that
 * consent (refresh outlives Keycloak's SSO session, is not rotated, stops the moment the consent ends); ending
 * one consent ends exactly its tokens; introspection tells the bank's resource server what the consent allows.
 * Journeys run over HTTP with real PAR, login, consent screen and code exchange ({@link CustomerTokens}).
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentTokenBindingIT {

    static final String ACCOUNTS = "[\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\",\"RESOURCES_READ\"]";
    static final String REGISTRATION_ONLY = "[\"CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ\",\"RESOURCES_READ\"]";
    static final String BUSINESS_REGISTRATION = "[\"CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ\",\"RESOURCES_READ\"]";
    static final String CPF = DemoRealm.USER_CPF;

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    TppClient tpp;
    CustomerTokens oauth;
    StoreDriver store;
    String ccToken;

    @BeforeEach
    void setUp() {
        tpp = new TppClient(realm.getBaseUrl());
        oauth = new CustomerTokens(realm.getBaseUrl());
        store = new StoreDriver(realm.getBaseUrl());
        ccToken = tpp.privateKeyJwtToken(DemoRealm.PARTNER_CLIENT_ID, PartnerLinks.DEMO_KEY, "consents");
    }

    private String createConsent(String cnpj, String permissions, Instant expiry) {
        Reply created = tpp.create(ccToken, body(CPF, cnpj, permissions, expiry == null ? null : date(expiry)));
        assertEquals(201, created.status(), created.response().body());
        return created.data().path("consentId").asText();
    }

    private String createConsent() {
        return createConsent(null, ACCOUNTS, Instant.now().plus(Duration.ofDays(90)));
    }

    private String status(String consentId) {
        return tpp.get(ccToken, consentId).data().path("status").asText();
    }

    /** A consent of another partner (another client of the realm), awaiting authorisation. */
    private String foreignConsent() {
        String otherClient = realm.admin().clients().findByClientId("ofb-resource-server").get(0).getId();
        return (String) store.create(Map.of("clientId", otherClient, "origin", "OPEN_FINANCE_API",
                "permissions", List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "RESOURCES_READ"), "cpf", CPF)).get("id");
    }

    /** The partner's answer after login (and the given decision, if the consent screen shows). */
    private Map<String, String> answerAfterLogin(Authorization authorization, BrowserSession browser, String username,
                                                 Map<String, List<String>> decision) {
        browser.open(authorization.authorizeUrl());
        if (browser.leftTo == null && browser.showsForm("kc-form-login")) {
            browser.login(username, passwordOf(username));
        }
        if (decision != null && browser.leftTo == null && browser.showsForm("kcconsent-form")) {
            browser.submit("kcconsent-form", decision);
        }
        assertNotNull(browser.leftTo, "the partner got an answer:\n" + browser.page.body());
        return CustomerTokens.query(browser.leftTo.getRawQuery());
    }

    private static String passwordOf(String username) {
        return DemoRealm.USER.equals(username) ? DemoRealm.USER_PASSWORD : TestUsers.PASSWORD;
    }

    private static Map<String, List<String>> approveWith(String... accounts) {
        return accounts.length == 0 ? Map.of("decision", List.of("approve"))
                : Map.of("decision", List.of("approve"), "account", List.of(accounts));
    }

    // ---- 1. exactly one consent scope ---------------------------------------------------------------

    @Test
    void anAuthorizationNamingASecondConsentIsRefusedBeforeAnyCode() {
        String mine = createConsent();
        String secondOfMine = createConsent();
        for (String second : List.of(foreignConsent(), "urn:consent-demo:" + UUID.randomUUID(), secondOfMine)) {
            Pushed refused = oauth.push("openid consent:" + mine + " consent:" + second);
            assertEquals(400, refused.response().statusCode(), refused.response().body());
            assertEquals("invalid_scope", refused.error(), refused.response().body());
        }
        assertEquals("AWAITING_AUTHORISATION", status(mine), "nothing was decided");
        assertEquals("AWAITING_AUTHORISATION", status(secondOfMine));
    }

    /** Outside the Open Finance client policy too: the consent scope type is not repeatable (Keycloak refuses). */
    @Test
    void anyClientAskingTwoConsentScopesGetsInvalidScopeFromTheAuthorizationEndpoint() {
        String clientId = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        ClientRepresentation plain = new ClientRepresentation();
        plain.setClientId(clientId);
        plain.setPublicClient(true);
        plain.setStandardFlowEnabled(true);
        plain.setRedirectUris(List.of(DemoRealm.PARTNER_REDIRECT_URI));
        realm.admin().clients().create(plain).close();
        String id = realm.admin().clients().findByClientId(clientId).get(0).getId();
        String consentScope = realm.admin().clientScopes().findAll().stream().filter(s -> "consent".equals(s.getName()))
                .map(ClientScopeRepresentation::getId).findFirst().orElseThrow();
        realm.admin().clients().get(id).addOptionalClientScope(consentScope);

        BrowserSession browser = oauth.browser().open(realm.getBaseUrl() + "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&redirect_uri=" + DemoRealm.PARTNER_REDIRECT_URI
                + "&scope=openid%20consent:urn:consent-demo:aaaaaa%20consent:urn:consent-demo:bbbbbb");

        assertNotNull(browser.leftTo, browser.page.body());
        Map<String, String> answer = CustomerTokens.query(browser.leftTo.getRawQuery());
        assertEquals("invalid_scope", answer.get("error"), answer.toString());
        assertFalse(answer.containsKey("code"));
    }

    // ---- 2. consent scopes outside the customer's authorization ---------------------------------------

    @Test
    void clientCredentialsNeverYieldATokenCarryingAConsent() {
        String consentId = createConsent();
        oauth.authorise(oauth.browser(), consentId);

        Tokens refused = oauth.clientCredentials("consents consent:" + consentId);

        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("invalid_scope", refused.body().get("error"));
        assertNull(refused.accessToken());
        assertEquals(200, oauth.clientCredentials("consents").status(), "the partner's own token is unaffected");
    }

    @Test
    void aRefreshCannotAddAnotherConsent() {
        String a = createConsent();
        Tokens tokenA = oauth.authorise(oauth.browser(), a);
        String b = createConsent();
        oauth.authorise(oauth.browser(), b);

        Tokens widened = oauth.refresh(tokenA.refreshToken(), "openid consent:" + b);

        if (widened.status() == 200) {
            assertFalse(widened.scope().contains("consent:" + b), widened.scope());
            assertFalse(String.valueOf(CustomerTokens.claims(widened.accessToken()).get("scope")).contains("consent:" + b));
        }
        Tokens still = oauth.refresh(tokenA.refreshToken());
        assertEquals(200, still.status(), still.body().toString());
        assertTrue(still.scope().contains("consent:" + a) && !still.scope().contains("consent:" + b), still.scope());
    }

    @Test
    void aCodeFromALoginThatSkippedTheConsentScreenYieldsNoToken() {
        RequiredActionProviderRepresentation action = realm.admin().flows().getRequiredAction("kcconsent-decision");
        String consentId = createConsent();
        Authorization authorization = oauth.pushAuthorization("openid consent:" + consentId);
        action.setEnabled(false);
        realm.admin().flows().updateRequiredAction(action.getAlias(), action);
        Map<String, String> answer;
        try {
            answer = answerAfterLogin(authorization, oauth.browser(), DemoRealm.USER, null);
        } finally {
            action.setEnabled(true);
            realm.admin().flows().updateRequiredAction(action.getAlias(), action);
        }
        assertNotNull(answer.get("code"), "Keycloak issued a code without our screen: " + answer);

        Tokens refused = oauth.exchange(answer.get("code"), authorization);

        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("invalid_grant", refused.body().get("error"));
        assertNull(refused.accessToken());
        assertEquals("AWAITING_AUTHORISATION", status(consentId), "the customer decided nothing");
    }

    @Test
    void tokenExchangeNeverYieldsATokenCarryingAConsent() {
        String consentId = createConsent();
        Tokens tokens = oauth.authorise(oauth.browser(), consentId);
        ClientResource partner = realm.admin().clients().get(
                realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId());
        ClientRepresentation rep = partner.toRepresentation();
        Map<String, String> original = Map.copyOf(rep.getAttributes());
        rep.getAttributes().put("standard.token.exchange.enabled", "true");
        partner.update(rep);
        Tokens exchanged;
        try {
            exchanged = oauth.exchange(tokens.accessToken(), "openid consent:" + consentId);
        } finally {
            rep.setAttributes(new HashMap<>(original));
            partner.update(rep);
        }
        assertNotEquals(200, exchanged.status(), exchanged.body().toString());
        assertNull(exchanged.accessToken(), exchanged.body().toString());
    }

    // ---- 3. Open Finance partners: exactly one consent, always ----------------------------------------

    @Test
    void anOpenFinancePartnerCannotAuthorizeWithoutAConsentScope() {
        Pushed openidOnly = oauth.push("openid");
        assertEquals(400, openidOnly.response().statusCode(), openidOnly.response().body());
        assertEquals("invalid_scope", openidOnly.error());

        Pushed noScope = oauth.push(null);
        assertEquals(400, noScope.response().statusCode(), noScope.response().body());

        // Over 4,000 characters Keycloak drops the scope parameter; the partner must not get a plain login.
        String consentId = createConsent();
        Pushed tooLong = oauth.push("openid profile " + "x".repeat(4001) + " consent:" + consentId);
        assertEquals(400, tooLong.response().statusCode(), tooLong.response().body());
        assertEquals("AWAITING_AUTHORISATION", status(consentId));
    }

    @Test
    void aForeignOrExpiredConsentIsRefusedAtParWithAccessDenied() throws Exception {
        Pushed foreign = oauth.push("openid consent:" + foreignConsent());
        assertEquals(400, foreign.response().statusCode(), foreign.response().body());
        assertEquals("access_denied", foreign.error());
        assertEquals("consent not found for this client", foreign.errorDescription());

        RealmRepresentation rep = realm.admin().toRepresentation();
        String window = rep.getAttributes().get("kcconsent.authorisationWindow.DATA_SHARING");
        rep.getAttributes().put("kcconsent.authorisationWindow.DATA_SHARING", "1");
        realm.admin().update(rep);
        String expiring;
        try {
            expiring = createConsent();
        } finally {
            if (window == null) {
                rep.getAttributes().remove("kcconsent.authorisationWindow.DATA_SHARING");
            } else {
                rep.getAttributes().put("kcconsent.authorisationWindow.DATA_SHARING", window);
            }
            realm.admin().update(rep);
        }
        Thread.sleep(1500);
        Pushed expired = oauth.push("openid consent:" + expiring);
        assertEquals(400, expired.response().statusCode(), expired.response().body());
        assertEquals("access_denied", expired.error());
        assertTrue(expired.errorDescription().contains("not awaiting"), expired.errorDescription());
    }

    // ---- 4. ending one consent ends exactly its tokens ------------------------------------------------

    @Test
    void revokingOneConsentKeepsTheOtherConsentsTokensAfterSeparateLogins() {
        String a = createConsent();
        Tokens tokenA = oauth.authorise(oauth.browser(), a);
        String b = createConsent();
        Tokens tokenB = oauth.authorise(oauth.browser(), b);

        assertEquals(204, tpp.delete(ccToken, a).status());

        assertEndedTokens(tokenA);
        assertLiveTokens(tokenB, b);
    }

    /**
     * Keycloak drops a user session that was created only to issue an offline token, so Open Finance
     * authorizations alone leave no SSO session. Here the customer is first signed in at the bank (its
     * self-service page), and both authorizations ride on that one Keycloak session without a second login.
     */
    @Test
    void revokingOneConsentKeepsTheOtherConsentsTokensInOneSsoSession() {
        BrowserSession customer = oauth.browser().open(realm.getBaseUrl() + "/consent/my");
        customer.login(DemoRealm.USER, DemoRealm.USER_PASSWORD);
        String a = createConsent();
        Tokens tokenA = oauth.authorise(customer, a);
        String b = createConsent();
        Tokens tokenB = oauth.authorise(customer, b);
        assertEquals(CustomerTokens.claims(tokenA.accessToken()).get("sid"), CustomerTokens.claims(tokenB.accessToken()).get("sid"),
                "one Keycloak session for both authorizations");

        assertEquals(204, tpp.delete(ccToken, a).status());

        assertEndedTokens(tokenA);
        assertLiveTokens(tokenB, b);

        assertEquals(204, tpp.delete(ccToken, b).status());
        assertEndedTokens(tokenB);
    }

    private void assertEndedTokens(Tokens tokens) {
        Tokens refresh = oauth.refresh(tokens.refreshToken());
        assertEquals(400, refresh.status(), "refresh of an ended consent: " + refresh.body());
        assertEquals("invalid_grant", refresh.body().get("error"));
        assertFalse(oauth.introspect(tokens.accessToken()), "introspection: inactive");
    }

    private void assertLiveTokens(Tokens tokens, String consentId) {
        assertTrue(oauth.introspect(tokens.accessToken()), "the other consent's access token is still active");
        Tokens refresh = oauth.refresh(tokens.refreshToken());
        assertEquals(200, refresh.status(), "the other consent still refreshes: " + refresh.body());
        assertTrue(refresh.scope().contains("consent:" + consentId), refresh.scope());
        assertEquals("AUTHORISED", status(consentId));
    }

    // ---- 5. refresh lives as long as the consent -------------------------------------------------------

    @Test
    void refreshOutlivesTheSsoSessionAndIsNotRotated() throws Exception {
        String consentId = createConsent();
        RealmRepresentation rep = realm.admin().toRepresentation();
        Integer idle = rep.getSsoSessionIdleTimeout();
        Integer max = rep.getSsoSessionMaxLifespan();
        rep.setSsoSessionIdleTimeout(3);
        rep.setSsoSessionMaxLifespan(3);
        realm.admin().update(rep);
        Tokens tokens;
        try {
            tokens = oauth.authorise(oauth.browser(), consentId);
            assertEquals("Offline", CustomerTokens.claims(tokens.refreshToken()).get("typ"),
                    "an offline refresh token, bound to the consent rather than to the SSO session");
            assertNull(CustomerTokens.claims(tokens.refreshToken()).get("exp"), "no expiry of its own");
            Thread.sleep(5000); // past the SSO session's idle time and lifespan

            for (int i = 0; i < 2; i++) {
                Tokens refreshed = oauth.refresh(tokens.refreshToken());
                assertEquals(200, refreshed.status(), "refresh after the SSO session ended: " + refreshed.body());
                assertNull(refreshed.refreshToken(), "not rotated: the same refresh token stays in use");
                assertTrue(oauth.introspect(refreshed.accessToken()));
            }
        } finally {
            rep.setSsoSessionIdleTimeout(idle);
            rep.setSsoSessionMaxLifespan(max);
            realm.admin().update(rep);
        }
    }

    @Test
    void aRefreshStopsWhenTheConsentExpires() throws Exception {
        Instant expiry = Instant.now().plusSeconds(12);
        String consentId = createConsent(null, ACCOUNTS, expiry);
        Tokens tokens = oauth.authorise(oauth.browser(), consentId);
        assertEquals(200, oauth.refresh(tokens.refreshToken()).status());

        while (Instant.now().isBefore(expiry.plusMillis(500))) {
            Thread.sleep(200);
        }
        Tokens refused = oauth.refresh(tokens.refreshToken());

        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("invalid_grant", refused.body().get("error"));
        assertFalse(oauth.introspect(tokens.accessToken()));
    }

    /**
     * Issue 13, defect 1: the sweeper's expiry of an authorised consent ends what the consent opened in
     * Keycloak (its offline session for the partner), not only the refreshes that already stop on their own.
     */
    @Test
    void theSweeperEndsTheOfflineSessionOfAnExpiredConsent() throws Exception {
        String consentId = createConsent(null, ACCOUNTS, Instant.now().plusSeconds(12));
        Tokens tokens = oauth.authorise(oauth.browser(), consentId);
        String sid = (String) CustomerTokens.claims(tokens.accessToken()).get("sid");
        String partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        String userId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        assertTrue(offlineSessionIds(userId, partnerId).contains(sid), "the authorization opened an offline session");

        Eventually.await("the sweeper to store the expiry", () -> "REJECTED".equals(
                store.get("/consents/" + StoreDriver.encode(consentId) + "/stored").map().get("status")));
        Eventually.await("the expired consent's offline session to end", () -> !offlineSessionIds(userId, partnerId).contains(sid));
    }

    private List<String> offlineSessionIds(String userId, String clientId) {
        return realm.admin().users().get(userId).getOfflineSessions(clientId).stream()
                .map(UserSessionRepresentation::getId).toList();
    }

    // ---- 6. business consents ---------------------------------------------------------------------------

    @Test
    void aBusinessConsentIsAuthorisedOnlyByItsCompanyWithItsCompanysAccounts() {
        Instant expiry = Instant.now().plus(Duration.ofDays(30));
        String representative = TestUsers.businessCustomer(realm, "pj", CNPJ);

        // A personal credential for a business consent.
        String forCompany = createConsent(CNPJ, BUSINESS_REGISTRATION.replace("]", ",\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\"]"), expiry);
        Map<String, String> personal = answerAfterLogin(oauth.pushAuthorization("openid consent:" + forCompany),
                oauth.browser(), DemoRealm.USER, approveWith("acc-0001"));
        assertEquals("access_denied", personal.get("error"), personal.toString());
        assertEquals("AWAITING_AUTHORISATION", status(forCompany));

        // A business credential for a personal consent.
        String forPerson = createConsent();
        Map<String, String> business = answerAfterLogin(oauth.pushAuthorization("openid consent:" + forPerson),
                oauth.browser(), representative, approveWith("acc-0001"));
        assertEquals("access_denied", business.get("error"), business.toString());
        assertEquals("AWAITING_AUTHORISATION", status(forPerson));

        // The right credential choosing another company's account.
        Map<String, String> otherAccount = answerAfterLogin(oauth.pushAuthorization("openid consent:" + forCompany),
                oauth.browser(), representative, approveWith("acc-0009"));
        assertEquals("access_denied", otherAccount.get("error"), otherAccount.toString());
        assertEquals("AWAITING_AUTHORISATION", status(forCompany));

        // The right credential with the company's account.
        Tokens tokens = oauth.authorise(oauth.browser(), "openid consent:" + forCompany, representative, TestUsers.PASSWORD);
        assertEquals("AUTHORISED", status(forCompany));
        @SuppressWarnings("unchecked")
        Map<String, Object> consent = (Map<String, Object>) oauth.introspection(tokens.accessToken()).get("consent");
        assertEquals(CNPJ, consent.get("businessEntity"));
    }

    // ---- 7. no personal data in Keycloak's tables ----------------------------------------------------

    @Test
    void theLinksSessionMetadataNeverReachesKeycloaksTables() throws Exception {
        String marker = "meta-" + UUID.randomUUID();
        PartnerLinks links = new PartnerLinks(realm.getBaseUrl());
        String username = TestUsers.customer(realm, "meta", TestUsers.TWO_ACCOUNTS);
        BrowserSession browser = oauth.browser()
                .open(links.link(links.sign(links.validClaims().claim("session_metadata", Map.of("note", marker)).build())));
        browser.login(username, TestUsers.PASSWORD);
        browser.submit("kcconsent-form", approveWith("acc-0001"));
        browser.submit("kcconsent-result", Map.of("decision", List.of("continue")));
        assertNotNull(browser.leftTo, browser.page.body());
        assertTrue(browser.leftTo.toString().contains(marker), "the partner gets its metadata back");

        String userId = TestUsers.idOf(realm, username);
        // Keycloak persists sessions in the background: wait for the client session row, then read everything.
        Eventually.await("the client session in the database",
                () -> !((List<?>) store.get("/raw-keycloak?userId=" + userId).map().get("clientSessions")).isEmpty());
        String dump = store.get("/raw-keycloak?userId=" + userId).map().toString();
        assertFalse(dump.contains(marker), "no session metadata in Keycloak's session or event tables");
        assertFalse(dump.contains("52998224725"), "no CPF either");
    }

    // ---- 9. consents that need no account ---------------------------------------------------------------

    @Test
    void aRegistrationDataConsentIsAuthorisedWithoutChoosingAnAccount() {
        String consentId = createConsent(null, REGISTRATION_ONLY, Instant.now().plus(Duration.ofDays(30)));
        Authorization authorization = oauth.pushAuthorization("openid consent:" + consentId);
        BrowserSession browser = oauth.browser().open(authorization.authorizeUrl());
        browser.login(DemoRealm.USER, DemoRealm.USER_PASSWORD);
        assertTrue(browser.showsForm("kcconsent-form"), browser.page.body());
        assertFalse(browser.page.body().contains("id=\"kcconsent-account-"), "no account to choose");

        browser.submit("kcconsent-form", approveWith());

        assertNotNull(browser.leftTo, browser.page.body());
        Map<String, String> answer = CustomerTokens.query(browser.leftTo.getRawQuery());
        assertNotNull(answer.get("code"), answer.toString());
        assertEquals(200, oauth.exchange(answer.get("code"), authorization).status());
        assertEquals("AUTHORISED", status(consentId));
        assertEquals(List.of(), store.consent(consentId).get("resources"));
    }

    // ---- the resource server's one call -----------------------------------------------------------------

    @Test
    void introspectionTellsTheResourceServerWhatTheConsentAllows() {
        String consentId = createConsent();
        Tokens tokens = oauth.authorise(oauth.browser(), consentId);

        Map<String, Object> answer = oauth.introspection(tokens.accessToken());

        assertEquals(true, answer.get("active"));
        @SuppressWarnings("unchecked")
        Map<String, Object> consent = (Map<String, Object>) answer.get("consent");
        assertNotNull(consent, answer.toString());
        assertEquals(consentId, consent.get("consentId"));
        assertEquals("AUTHORISED", consent.get("status"));
        assertEquals(List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "RESOURCES_READ"), consent.get("permissions"));
        assertEquals(List.of(Map.of("resourceId", "acc-0001", "type", "CONTA_DEPOSITO_A_VISTA")), consent.get("resources"));
        assertFalse(answer.toString().contains("Conta corrente"), "no account labels (personal data)");
        assertFalse(consent.containsKey("businessEntity"), "a personal consent");

        assertEquals(false, oauth.introspectionByThePartner(tokens.accessToken()).get("active"),
                "a partner is not the token's audience and learns nothing");

        assertEquals(204, tpp.delete(ccToken, consentId).status());
        Map<String, Object> after = oauth.introspection(tokens.accessToken());
        assertEquals(false, after.get("active"));
        assertNull(after.get("consent"));
    }
}
