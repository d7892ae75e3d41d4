package io.github.kcconsent.it.selfservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.Chromium;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The customer's own consent list and revocation, in a real browser, and its refusals over plain HTTP. */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class SelfServiceBrowserIT {

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    private String[] userWithAuthorisedConsent() {
        String username = TestUsers.create(realm, "self", Map.of());
        String userId = realm.admin().users().search(username, true).get(0).getId();
        String clientId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        String id = (String) store.create(Map.of("clientId", clientId, "userId", userId, "origin", "CONSENT_LINK",
                "permissions", List.of("accounts"), "cpf", "52998224725")).get("id");
        store.post("/consents/" + StoreDriver.encode(id) + "/authorise", Map.of("userId", userId,
                "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", "Conta corrente •••• 4321"))));
        return new String[] {username, id};
    }

    @Test
    void customerSeesAndRevokesTheirConsentInTheBrowser() {
        Chromium.assumeAvailable();
        String[] fixture = userWithAuthorisedConsent();
        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        try (Chromium browser = new Chromium("pt-BR")) {
            browser.driver.get(realm.getBaseUrl() + "/consent/my");
            browser.driver.findElement(By.id("username")).sendKeys(fixture[0]);
            browser.driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
            browser.driver.findElement(By.id("kc-login")).click();

            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("kcconsent-my-consents")));
            String list = browser.driver.findElement(By.id("kcconsent-my-consents")).getText();
            assertTrue(list.contains("Parceiro Demo") && list.contains("Ativo") && list.contains("Conta corrente •••• 4321"), list);
            browser.screenshot("self-service-list");

            browser.driver.findElement(By.cssSelector("li[data-consent-id='" + fixture[1] + "'] .kcconsent-revoke-form button")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.elementToBeClickable(By.id("kcconsent-confirm-revoke")));
            assertTrue(browser.driver.getPageSource().contains("deixará de ter acesso"));
            assertEquals("AUTHORISED", store.consent(fixture[1]).get("status"), "nothing changes before confirming");
            browser.screenshot("self-service-confirm");
            browser.driver.findElement(By.id("kcconsent-confirm-revoke")).click();

            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("kcconsent-my-consents")));
            assertTrue(browser.driver.getPageSource().contains("Consentimento revogado"));
            assertTrue(browser.driver.findElement(By.id("kcconsent-my-consents")).getText().contains("Encerrado"));
            browser.screenshot("self-service-revoked");
        }
        Map<String, Object> consent = store.consent(fixture[1]);
        assertEquals("REJECTED", consent.get("status"));
        assertEquals("CUSTOMER_MANUALLY_REVOKED", consent.get("rejectionReason"));
        assertEquals("USER", consent.get("rejectedBy"));
        List<Object> history = store.get("/consents/" + StoreDriver.encode(fixture[1]) + "/history").list();
        Map<?, ?> last = (Map<?, ?>) history.get(history.size() - 1);
        assertEquals("SELF_SERVICE", last.get("channel"));
    }

    /** A consent of the given origin and permissions, authorised for one account. */
    private String authorisedConsent(String userId, String origin, List<String> permissions) {
        String clientId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        String id = (String) store.create(Map.of("clientId", clientId, "userId", userId, "origin", origin,
                "permissions", permissions, "cpf", DemoRealm.USER_CPF)).get("id");
        store.post("/consents/" + StoreDriver.encode(id) + "/authorise", Map.of("userId", userId,
                "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", "Conta corrente •••• 4321"))));
        return id;
    }

    /** A client scope whose consent-screen text is markup, for the escaping check. */
    private String hostileScope() {
        ClientScopeRepresentation scope = new ClientScopeRepresentation();
        scope.setName("hostile-" + UUID.randomUUID().toString().substring(0, 8));
        scope.setProtocol("openid-connect");
        scope.setAttributes(Map.of("consent.screen.text", HOSTILE_TEXT, "display.on.consent.screen", "true",
                "kcconsent.permission", "true"));
        try (var response = realm.admin().clientScopes().create(scope)) {
            assertEquals(201, response.getStatus());
            String id = CreatedResponseUtil.getCreatedId(response);
            realm.cleanup().add(r -> r.clientScopes().get(id).remove());
        }
        return scope.getName();
    }

    private static final String HOSTILE_TEXT = "<img src=x onerror=alert(1)> Dados & <b>mais</b>";

    private static List<String> permissionLines(Chromium browser, String consentId) {
        return browser.driver.findElements(By.cssSelector("li[data-consent-id='" + consentId + "'] .kcconsent-my-permissions li"))
                .stream().map(e -> e.getText().trim()).toList();
    }

    @Test
    void eachConsentSaysWhatItSharesInTheWordsOfItsConsentScreenInBothLanguages() {
        Chromium.assumeAvailable();
        String hostile = hostileScope();
        Map<String, Map<String, List<String>>> expected = Map.of(
                "pt-BR", Map.of(
                        "link", List.of("Saldos e dados cadastrais das contas selecionadas", "Extratos e transações das contas selecionadas"),
                        "generic", List.of("Acesso às contas selecionadas"),
                        "ofb", List.of("Cadastro: dados cadastrais (pessoa física)", "Contas: saldos", "Cartão de crédito: faturas")),
                "en", Map.of(
                        "link", List.of("Balances and details of the selected accounts", "Statements and transactions of the selected accounts"),
                        "generic", List.of("Access to the selected accounts"),
                        "ofb", List.of("Registration: personal identification data", "Accounts: balances", "Credit card: bills")));
        for (String language : List.of("pt-BR", "en")) {
            String username = TestUsers.create(realm, "words", Map.of());
            String userId = TestUsers.idOf(realm, username);
            String link = authorisedConsent(userId, "CONSENT_LINK", List.of("accounts", "transactions"));
            String generic = authorisedConsent(userId, "CONSENT_LINK", List.of("account_access"));
            String markup = authorisedConsent(userId, "CONSENT_LINK", List.of(hostile));
            // Open Finance codes: the base *_READ and RESOURCES_READ need no line of their own, as on the screen.
            String ofb = authorisedConsent(userId, "OPEN_FINANCE_API", List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ",
                    "CREDIT_CARDS_ACCOUNTS_READ", "CREDIT_CARDS_ACCOUNTS_BILLS_READ",
                    "CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ", "RESOURCES_READ"));
            try (Chromium browser = new Chromium(language)) {
                browser.driver.get(realm.getBaseUrl() + "/consent/my");
                browser.driver.findElement(By.id("username")).sendKeys(username);
                browser.driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
                browser.driver.findElement(By.id("kc-login")).click();
                new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("kcconsent-my-consents")));

                assertEquals(expected.get(language).get("link"), permissionLines(browser, link), language);
                assertEquals(expected.get(language).get("generic"), permissionLines(browser, generic), language);
                assertEquals(expected.get(language).get("ofb"), permissionLines(browser, ofb), language);
                assertEquals(List.of(HOSTILE_TEXT), permissionLines(browser, markup), "shown as text, not markup");
                assertTrue(browser.driver.findElements(By.cssSelector("#kcconsent-my-consents img, #kcconsent-my-consents b")).isEmpty(),
                        "the scope's text is escaped");
                String page = browser.driver.findElement(By.id("kcconsent-my-consents")).getText();
                for (String code : List.of("accounts, transactions", "account_access", "ACCOUNTS_BALANCES_READ", "RESOURCES_READ")) {
                    assertFalse(page.contains(code), "no technical name on the page: " + code + "\n" + page);
                }
                assertTrue(page.contains("pt-BR".equals(language) ? "O que é compartilhado:" : "What is shared:"), page);
                browser.screenshot("self-service-permissions");
                browser.driver.executeScript("arguments[0].scrollIntoView();",
                        browser.driver.findElement(By.cssSelector("li[data-consent-id='" + link + "']")));
                browser.screenshot("self-service-permissions-link");
                browser.size(Chromium.MOBILE);
                browser.screenshot("self-service-permissions");
                Long overflow = (Long) browser.driver.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertTrue(overflow <= 0, "no horizontal scrolling at 375 px, overflow " + overflow);
            }
        }
    }

    /**
     * A confirmed revocation is recorded as one REVOKE_GRANT event of the customer naming the consent (a forged
     * one records none), and Keycloak's own consent entry for the partner goes with the last active consent.
     */
    @Test
    void aConfirmedRevocationRecordsOneRevokeGrantEventAndDropsKeycloaksConsentEntry() {
        String[] mine = userWithAuthorisedConsent();
        String userId = realm.admin().users().search(mine[0], true).get(0).getId();
        var user = realm.admin().users().get(userId);
        assertEquals(List.of(DemoRealm.PARTNER_CLIENT_ID), user.getConsents().stream().map(c -> c.get("clientId")).toList(),
                "the authorisation made Keycloak's consent entry");
        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        String origin = realm.getBaseUrl().replaceAll("/realms/.*", "");
        BrowserSession browser = new BrowserSession(origin).open(realm.getBaseUrl() + "/consent/my");
        browser.login(mine[0], TestUsers.PASSWORD);
        assertTrue(browser.page.body().contains("kcconsent-my-consents"), browser.page.body());
        String revokeUrl = realm.getBaseUrl() + "/consent/my/revoke/confirm";
        String csrf = browser.page.body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");

        browser.postRaw(revokeUrl, "consent_id=" + StoreDriver.encode(mine[1]) + "&csrf=forged");
        assertEquals("AUTHORISED", store.consent(mine[1]).get("status"));
        assertEquals(List.of(), revokeGrantEvents(userId), "a refused revocation records no event");

        browser.postRaw(revokeUrl, "consent_id=" + StoreDriver.encode(mine[1]) + "&csrf=" + csrf);
        assertTrue(browser.page.body().contains("Consentimento revogado"), browser.page.body());
        assertEquals("REJECTED", store.consent(mine[1]).get("status"));

        List<EventRepresentation> events = revokeGrantEvents(userId);
        assertEquals(1, events.size(), "one REVOKE_GRANT event: " + events);
        assertEquals(mine[1], events.get(0).getDetails().get("consent_id"));
        assertEquals(userId, events.get(0).getUserId());
        assertEquals(List.of(), user.getConsents(), "Keycloak's consent entry went with the last active consent");
    }

    private List<EventRepresentation> revokeGrantEvents(String userId) {
        return realm.admin().getEvents(List.of("REVOKE_GRANT"), null, userId, null, null, null, 0, 100);
    }

    @Test
    void forgedOrForeignRevocationsChangeNothing() {
        String[] mine = userWithAuthorisedConsent();
        String[] someoneElses = userWithAuthorisedConsent();
        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        String origin = realm.getBaseUrl().replaceAll("/realms/.*", "");
        BrowserSession browser = new BrowserSession(origin).open(realm.getBaseUrl() + "/consent/my");
        browser.login(mine[0], TestUsers.PASSWORD);
        assertTrue(browser.page.body().contains("kcconsent-my-consents"), browser.page.body());

        String revokeUrl = realm.getBaseUrl() + "/consent/my/revoke/confirm";
        // No CSRF token: refused.
        browser.postRaw(revokeUrl, "consent_id=" + StoreDriver.encode(mine[1]) + "&csrf=forged");
        assertEquals("AUTHORISED", store.consent(mine[1]).get("status"));
        // Someone else's consent, with a valid token: "not found", nothing changes.
        String csrf = browser.page.body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        browser.postRaw(revokeUrl, "consent_id=" + StoreDriver.encode(someoneElses[1]) + "&csrf=" + csrf);
        assertTrue(browser.page.body().contains("não existe"), browser.page.body());
        assertEquals("AUTHORISED", store.consent(someoneElses[1]).get("status"));
        // Without a session at all: the login page, not the list.
        var anonymous = Http.get(realm.getBaseUrl() + "/consent/my");
        assertEquals(200, anonymous.statusCode());
        assertTrue(anonymous.body().contains("kc-form-login"));
    }

}
