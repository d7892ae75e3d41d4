package io.github.kcconsent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
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
        assumeTrue(Chromium.available(), "Debian chromium and chromium-driver are required (.ci/run installs them)");
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
