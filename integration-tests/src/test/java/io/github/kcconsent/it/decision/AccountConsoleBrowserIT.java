package io.github.kcconsent.it.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.kcconsent.it.support.Chromium;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.PartnerCallbackReceiver;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.StoreDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo customer exactly as the realm JSON imports her uses Keycloak's Account Console in a real browser:
 * after approving a consent link the partner is listed under Applications with the granted permissions, and
 * after revoking it is gone. maria rather than a user created through the admin API: that path grants the
 * realm's default roles, which an import never does, so it would hide a realm JSON that forgets them.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class AccountConsoleBrowserIT {

    private static final String PARTNER_NAME = "Parceiro Demo";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    static PartnerCallbackReceiver partnerSite;

    @BeforeAll
    static void startPartner() {
        Chromium.assumeAvailable();
        partnerSite = new PartnerCallbackReceiver();
    }

    @AfterAll
    static void stopPartner() {
        if (partnerSite != null) {
            partnerSite.close();
        }
    }

    @Test
    void demoCustomerSeesTheConsentedPartnerUnderApplicationsUntilRevokingIt() throws Exception {
        PartnerLinks partner = new PartnerLinks(realm.getBaseUrl());
        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        try (Chromium browser = new Chromium("pt-BR")) {
            WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(30));

            // Permitir on a consent link, signed in as maria.
            browser.driver.get(partner.link(partner.sign(partner.validClaims().build())));
            browser.driver.findElement(By.id("username")).sendKeys(DemoRealm.USER);
            browser.driver.findElement(By.id("password")).sendKeys(DemoRealm.USER_PASSWORD);
            browser.driver.findElement(By.id("kc-login")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("kcconsent-select-all"))).click();
            browser.driver.findElement(By.id("kcconsent-allow")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("kcconsent-continue"))).click();
            Eventually.await("the partner's callback", () -> partnerSite.lastQuery() != null);
            String callback = partnerSite.lastQuery();
            assertTrue(callback.contains("consent_result=approved"), callback);
            String consentId = URLDecoder.decode(callback.replaceAll(".*(?:^|&)consent_id=([^&]+).*", "$1"),
                    StandardCharsets.UTF_8);
            assertEquals("AUTHORISED", store.consent(consentId).get("status"));

            // The Account Console, same SSO session: it loads (no "Alguma coisa deu errado") and lists the partner
            // with the access the customer granted (Keycloak's user consent, mirrored from ours).
            String applications = realm.getBaseUrl() + "/account/applications";
            browser.driver.get(applications);
            awaitApplicationsList(browser, wait);
            assertTrue(browser.driver.findElement(By.id("applications-list")).getText().contains(PARTNER_NAME));
            browser.driver.findElement(By.id("toggle-" + DemoRealm.PARTNER_CLIENT_ID)).click();
            String granted = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.id("content-" + DemoRealm.PARTNER_CLIENT_ID))).getText();
            assertTrue(granted.contains("Saldos e dados cadastrais das contas selecionadas")
                    && granted.contains("Extratos e transações das contas selecionadas"),
                    "the granted permissions, as the consent screen worded them:\n" + granted);
            browser.screenshot("account-console-applications-consented");

            // Revoke on the self-service page.
            browser.driver.get(realm.getBaseUrl() + "/consent/my");
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("li[data-consent-id='" + consentId + "'] .kcconsent-revoke-form button"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("kcconsent-confirm-revoke"))).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("kcconsent-my-consents"),
                    "Encerrado"));
            assertEquals("REJECTED", store.consent(consentId).get("status"));

            browser.driver.get(applications);
            awaitApplicationsList(browser, wait);
            String after = browser.driver.findElement(By.id("applications-list")).getText();
            assertTrue(browser.driver.findElements(By.id("toggle-" + DemoRealm.PARTNER_CLIENT_ID)).isEmpty()
                    && !after.contains(PARTNER_NAME), "the revoked partner is gone from Applications:\n" + after);
            browser.screenshot("account-console-applications-revoked");
        }
    }

    /**
     * Waits until the Applications page has rendered its list: the Account Console itself is always listed
     * (it is in use, by this very page), so its row proves the list loaded and the absence of another row means
     * something.
     */
    private static void awaitApplicationsList(Chromium browser, WebDriverWait wait) {
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("toggle-account-console")));
        } catch (RuntimeException e) {
            browser.screenshot("account-console-failure");
            throw new AssertionError("the Account Console did not show its applications list; page:\n"
                    + browser.driver.findElement(By.tagName("body")).getText(), e);
        }
    }
}
