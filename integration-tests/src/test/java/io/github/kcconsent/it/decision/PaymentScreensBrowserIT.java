package io.github.kcconsent.it.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcconsent.it.support.Chromium;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.PartnerCallbackReceiver;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import io.github.kcconsent.it.support.openbanking.CustomerTokens;
import io.github.kcconsent.it.support.openbanking.CustomerTokens.Authorization;
import io.github.kcconsent.it.support.openbanking.CustomerTokens.Tokens;
import io.github.kcconsent.it.support.PaymentConsents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The payment screen in a real headless Chromium against the real server, reached as a partner reaches it: a
 * payment consent (created in the store, as the Payments API will store it), PAR with
 * {@code openid payments consent:{id}}, login, the screen. Confirmar all the way to the code and the tokens, with
 * the consent AUTHORISED for the chosen account; Cancelar to {@code access_denied} and REJEITADO_USUARIO; hostile
 * partner texts shown as text; both languages; 375 px without horizontal scrolling; screenshots in
 * target/screenshots.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class PaymentScreensBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    static PartnerCallbackReceiver partnerSite;
    CustomerTokens oauth;
    StoreDriver store;

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

    @BeforeEach
    void setUp() {
        oauth = new CustomerTokens(realm.getBaseUrl());
        store = new StoreDriver(realm.getBaseUrl());
        partnerSite.reset();
    }

    /** PAR for the consent, then login in the browser up to the payment screen. */
    private Authorization openPaymentScreen(Chromium browser, String consentId) {
        Authorization authorization = oauth.pushAuthorization("openid payments consent:" + consentId);
        browser.driver.get(authorization.authorizeUrl());
        browser.driver.findElement(By.id("username")).sendKeys(TestUsers.customer(realm, "payer", TestUsers.PAYING_ACCOUNTS));
        browser.driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        browser.driver.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.kcconsent-payment")));
        return authorization;
    }

    private Map<String, String> awaitCallback() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (partnerSite.lastQuery() == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertNotNull(partnerSite.lastQuery(), "the partner received the authorization response");
        return CustomerTokens.query(partnerSite.lastQuery());
    }

    /** Text as the customer reads it: the no-break space after R$ counts as a space. */
    private static String text(Chromium browser, String id) {
        return browser.driver.findElement(By.id(id)).getText().replace('\u00a0', ' ');
    }

    private static List<String> offeredAccounts(Chromium browser) {
        return browser.driver.findElements(By.cssSelector("input[name='account']")).stream()
                .map(e -> e.getAttribute("value")).toList();
    }

    private static void assertNoHorizontalScrollingOnAPhone(Chromium browser, String screenshot) {
        browser.size(Chromium.MOBILE);
        browser.screenshot(screenshot);
        Number overflow = (Number) browser.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(overflow.intValue() <= 0, "no horizontal scrolling at 375 px, overflow " + overflow);
        browser.size(Chromium.DESKTOP);
    }

    @Test
    void confirmingAPaymentAuthorisesItWithTheChosenAccountInPortuguese() throws Exception {
        String consentId = PaymentConsents.create(realm, PaymentConsents.immediate("Padaria São João Ltda.", "1234.56", null));
        String code;
        Instant confirmed;
        Authorization authorization;
        try (Chromium browser = new Chromium("pt-BR")) {
            authorization = openPaymentScreen(browser, consentId);

            assertEquals("R$ 1.234,56", text(browser, "kcconsent-payment-amount"));
            assertEquals("Padaria São João Ltda.", text(browser, "kcconsent-creditor-name"));
            assertEquals("**.764.789/0001-**", text(browser, "kcconsent-creditor-document"));
            assertEquals(PaymentConsents.SCREEN_CREDITOR_ISPB, text(browser, "kcconsent-creditor-ispb"));
            assertTrue(text(browser, "kcconsent-payment-when").startsWith("Pagamento imediato, hoje"),
                    text(browser, "kcconsent-payment-when"));
            assertFalse(browser.driver.getPageSource().contains(PaymentConsents.CREDITOR_CNPJ), "the CNPJ only masked");
            assertEquals(List.of("acc-0001", "acc-0002"), offeredAccounts(browser), "only the accounts that can pay");
            assertEquals("Confirmar", browser.driver.findElement(By.id("kcconsent-confirm")).getText());
            assertEquals("Cancelar", browser.driver.findElement(By.id("kcconsent-cancel")).getText());
            assertEquals(List.of(), browser.seriousAccessibilityViolations(), "axe-core on the payment screen");
            browser.screenshot("payment");
            assertNoHorizontalScrollingOnAPhone(browser, "payment");

            browser.driver.findElement(By.cssSelector("input[name='account'][value='acc-0002']")).click();
            confirmed = Instant.now();
            browser.driver.findElement(By.id("kcconsent-confirm")).click();
            Map<String, String> response = awaitCallback();
            assertEquals(authorization.state(), response.get("state"));
            code = response.get("code");
            assertNotNull(code, response.toString());
        }

        Tokens tokens = oauth.exchange(code, authorization);
        assertEquals(200, tokens.status(), tokens.body().toString());
        assertTrue(tokens.scope().contains("consent:" + consentId), tokens.scope());
        assertTrue(tokens.scope().contains("payments"), tokens.scope());

        Map<String, Object> stored = store.consent(consentId);
        assertEquals("AUTHORISED", stored.get("status"));
        JsonNode details = JSON.readTree((String) stored.get("paymentDetails"));
        assertEquals(JSON.readTree(PaymentConsents.PAYING_SAVINGS_ACCOUNT), details.get("debtorAccount"), "the chosen account pays");
        assertEquals("1234.56", details.path("payment").path("amount").asText(), "the rest as the partner sent it");
        assertEquals(List.of("acc-0002"), ((List<?>) stored.get("resources")).stream()
                .map(r -> ((Map<?, ?>) r).get("resourceId")).toList());
        Instant expiresAt = Instant.parse((String) stored.get("expiresAt"));
        Instant statusUpdatedAt = Instant.parse((String) stored.get("statusUpdatedAt"));
        assertEquals(Duration.ofHours(1), Duration.between(statusUpdatedAt, expiresAt),
                "authorised: valid for the consumption window (default 3600 s) from the authorisation");
        assertTrue(!statusUpdatedAt.isBefore(confirmed.minusSeconds(5)) && statusUpdatedAt.isBefore(Instant.now().plusSeconds(5)),
                "authorised when Confirmar was clicked: " + statusUpdatedAt + " vs " + confirmed);
    }

    @Test
    void cancellingAPaymentRejectsItAndTellsThePartnerAccessDeniedInEnglish() throws Exception {
        String consentId = PaymentConsents.create(realm, PaymentConsents.immediate("Padaria São João Ltda.", "1234.56", null));
        try (Chromium browser = new Chromium("en")) {
            Authorization authorization = openPaymentScreen(browser, consentId);
            assertEquals("R$1,234.56", text(browser, "kcconsent-payment-amount"));
            assertTrue(text(browser, "kcconsent-payment-when").startsWith("Immediate payment, today"),
                    text(browser, "kcconsent-payment-when"));
            assertEquals("Confirm", browser.driver.findElement(By.id("kcconsent-confirm")).getText());
            assertEquals("Cancel", browser.driver.findElement(By.id("kcconsent-cancel")).getText());
            assertFalse(browser.driver.findElement(By.tagName("body")).getText().contains("kcConsent"), "no raw message key");
            browser.screenshot("payment");
            assertNoHorizontalScrollingOnAPhone(browser, "payment");

            browser.driver.findElement(By.id("kcconsent-cancel")).click();
            Map<String, String> response = awaitCallback();
            assertEquals("access_denied", response.get("error"), response.toString());
            assertEquals(authorization.state(), response.get("state"));
            assertFalse(response.containsKey("code"));
        }
        Map<String, Object> stored = store.consent(consentId);
        assertEquals("REJECTED", stored.get("status"));
        assertEquals("USER", stored.get("rejectedBy"));
        assertEquals("REJEITADO_USUARIO", stored.get("rejectionReason"));
    }

    @Test
    void aHostileCreditorNameAndDescriptionAreShownAsText() throws Exception {
        // The spec's character set for creditor names admits < > ( ) / but not quotes or "=", so the name carries
        // tags; the custom schedule's description admits anything, so it carries an attribute break-out.
        String name = "<script>alert(1)</script><b>Padaria</b>";
        String description = "\"><img src=x onerror=window.__xss=1>";
        String consentId = PaymentConsents.create(realm, PaymentConsents.custom(name, "10.00", 3, description));
        try (Chromium browser = new Chromium("pt-BR")) {
            openPaymentScreen(browser, consentId);

            assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert(), "no injected script ran");
            assertEquals(Boolean.FALSE, browser.driver.executeScript("return !!window.__xss;"), "no injected handler ran");
            assertEquals(name, text(browser, "kcconsent-creditor-name"), "shown literally");
            assertEquals(description, text(browser, "kcconsent-payment-description"), "shown literally");
            WebElement form = browser.driver.findElement(By.cssSelector("form.kcconsent-payment"));
            assertTrue(form.findElements(By.cssSelector("b, img, script")).isEmpty(), "no markup injected");
            assertTrue(text(browser, "kcconsent-payment-when").startsWith("3 pagamentos em datas definidas pelo iniciador"),
                    text(browser, "kcconsent-payment-when"));
            browser.screenshot("payment-hostile-content");
            assertNoHorizontalScrollingOnAPhone(browser, "payment-hostile-content");
        }
    }
}
