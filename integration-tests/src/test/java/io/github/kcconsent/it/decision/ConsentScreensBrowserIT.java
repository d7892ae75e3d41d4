package io.github.kcconsent.it.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.kcconsent.it.support.Chromium;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.PartnerCallbackReceiver;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The consent screens in a real headless Chromium against the real server: Permitir and Ignorar end to end
 * with the partner's callback checked, screenshots of every page in Portuguese and English at desktop and
 * mobile width (target/screenshots), axe-core on the consent page, and escaping of hostile content.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentScreensBrowserIT {

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    static PartnerCallbackReceiver partnerSite;
    PartnerLinks partner;

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
        partner = new PartnerLinks(realm.getBaseUrl());
        partnerSite.reset();
    }

    private String newUser(String accountsJson) {
        return TestUsers.customer(realm, "browser", accountsJson);
    }

    private void loginAt(Chromium browser, String link, String username) {
        browser.driver.get(link);
        browser.driver.findElement(By.id("username")).sendKeys(username);
        browser.driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        browser.driver.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.kcconsent-form")));
    }

    private Map<String, List<String>> awaitCallback() {
        Instant deadline = Instant.now().plusSeconds(20);
        while (partnerSite.lastQuery() == null && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String query = partnerSite.lastQuery();
        assertNotNull(query, "the partner received the callback");
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            out.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void permitirEndToEndInPortuguese() {
        try (Chromium browser = new Chromium("pt-BR")) {
            String user = newUser(TestUsers.TWO_ACCOUNTS);
            loginAt(browser, partner.link(partner.sign(partner.validClaims().build())), user);

            assertEquals("Permitir", browser.driver.findElement(By.id("kcconsent-allow")).getText());
            assertEquals("Ignorar", browser.driver.findElement(By.id("kcconsent-ignore")).getText());
            assertTrue(browser.seriousAccessibilityViolations().isEmpty(),
                    "axe-core: " + browser.seriousAccessibilityViolations());
            browser.screenshot("consent");
            browser.size(Chromium.MOBILE);
            browser.screenshot("consent");
            Long overflow = (Long) browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertTrue(overflow <= 0, "no horizontal scrolling at 375 px, overflow " + overflow);
            browser.size(Chromium.DESKTOP);

            browser.driver.findElement(By.id("kcconsent-select-all")).click();
            for (WebElement box : browser.driver.findElements(By.name("account"))) {
                assertTrue(box.isSelected(), "select all ticks every account");
            }
            browser.driver.findElement(By.id("kcconsent-allow")).click();

            WebElement ok = new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.elementToBeClickable(By.id("kcconsent-continue")));
            assertEquals("Ok, entendi", ok.getText());
            browser.screenshot("success");
            browser.size(Chromium.MOBILE);
            browser.screenshot("success");
            browser.size(Chromium.DESKTOP);
            browser.driver.findElement(By.id("kcconsent-continue")).click();

            Map<String, List<String>> callback = awaitCallback();
            assertEquals(List.of("approved"), callback.get("consent_result"));
            assertEquals(List.of("acc-0001", "acc-0002"), callback.get("resource_id"));
            assertTrue(callback.get("consent_id").get(0).startsWith("urn:consent-demo:"));

            // The same partner again: already granted.
            partnerSite.reset();
            browser.driver.get(partner.link(partner.sign(partner.validClaims().build())));
            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.elementToBeClickable(By.id("kcconsent-continue")));
            browser.screenshot("already-granted");
            browser.size(Chromium.MOBILE);
            browser.screenshot("already-granted");
            browser.size(Chromium.DESKTOP);
            browser.driver.findElement(By.id("kcconsent-continue")).click();
            assertEquals(List.of("already_granted"), awaitCallback().get("consent_result"));
        }
    }

    @Test
    void ignorarEndToEndInEnglish() {
        try (Chromium browser = new Chromium("en")) {
            loginAt(browser, partner.link(partner.sign(partner.validClaims().build())), newUser(TestUsers.TWO_ACCOUNTS));
            assertEquals("Allow", browser.driver.findElement(By.id("kcconsent-allow")).getText());
            browser.screenshot("consent");
            browser.size(Chromium.MOBILE);
            browser.screenshot("consent");
            browser.size(Chromium.DESKTOP);

            // Allow with nothing ticked: a message on the same page, no server error.
            WebElement allow = browser.driver.findElement(By.id("kcconsent-allow"));
            allow.click();
            // Wait for the answer page itself, not the page we clicked on.
            new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(allow));
            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.kcconsent-form")));
            assertTrue(browser.driver.getPageSource().contains("Select at least one account"));

            browser.driver.findElement(By.id("kcconsent-ignore")).click();
            Map<String, List<String>> callback = awaitCallback();
            assertEquals(List.of("ignored"), callback.get("consent_result"));
            assertFalse(callback.containsKey("resource_id"));
        }
    }

    @Test
    void errorPagesInBothLanguagesAndWidths() {
        for (String language : List.of("pt-BR", "en")) {
            try (Chromium browser = new Chromium(language)) {
                Instant past = Instant.now().minusSeconds(7200);
                String expired = partner.link(partner.sign(partner.validClaims().issueTime(Date.from(past))
                        .notBeforeTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(600))).build()));
                browser.driver.get(expired);
                String text = browser.driver.findElement(By.tagName("body")).getText();
                assertTrue(text.contains(language.equals("en") ? "has expired" : "expirou"), text);
                browser.screenshot("link-expired");
                browser.size(Chromium.MOBILE);
                browser.screenshot("link-expired");
                browser.size(Chromium.DESKTOP);
                browser.driver.get(partner.link("not-a-jwt"));
                String invalid = browser.driver.findElement(By.tagName("body")).getText();
                assertTrue(invalid.contains(language.equals("en") ? "This consent link is invalid"
                        : "Este link de consentimento é inválido"), invalid);
                assertFalse(invalid.contains("kcConsent"), "no raw message key: " + invalid);
                assertFalse(invalid.contains("Exception"), "no stack trace");
                browser.screenshot("link-invalid");
                browser.size(Chromium.MOBILE);
                assertEquals(List.of(), browser.seriousAccessibilityViolations(), "invalid-link page, " + language);
                Number overflow = (Number) browser.driver.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertTrue(overflow.intValue() <= 0, "no horizontal scrolling at 375 px: " + overflow);
                browser.screenshot("link-invalid");
                browser.size(Chromium.DESKTOP);
            }
        }
    }

    @Test
    void hostileClientNameMetadataAndLabelsAreShownAsText() throws Exception {
        ClientRepresentation demo = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0);
        String original = demo.getName();
        demo.setName("<script>window.__xss=1</script><b>Evil</b> Parceiro");
        realm.admin().clients().get(demo.getId()).update(demo);
        try (Chromium browser = new Chromium("pt-BR")) {
            String hostileAccounts = "[{\"id\":\"acc-0001\",\"type\":\"CONTA\",\"label\":\"<img src=x onerror=window.__xss2=1>Conta\"}]";
            String link = partner.link(partner.sign(partner.validClaims()
                    .claim("session_metadata", Map.of("user_session", "\"><script>window.__xss3=1</script>")).build()));
            loginAt(browser, link, newUser(hostileAccounts));

            assertEquals(Boolean.FALSE, browser.driver.executeScript(
                    "return !!(window.__xss || window.__xss2 || window.__xss3);"), "no injected script ran");
            String visible = browser.driver.findElement(By.tagName("body")).getText();
            assertTrue(visible.contains("<script>window.__xss=1</script><b>Evil</b> Parceiro"), "name shown literally");
            assertTrue(visible.contains("<img src=x onerror=window.__xss2=1>Conta"), "label shown literally");
            assertTrue(browser.driver.findElements(By.cssSelector("form.kcconsent-form b")).isEmpty(), "no markup injected");
            browser.screenshot("consent-hostile-content");

            browser.driver.findElement(By.name("account")).click();
            browser.driver.findElement(By.id("kcconsent-allow")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.elementToBeClickable(By.id("kcconsent-continue"))).click();
            Map<String, List<String>> callback = awaitCallback();
            assertEquals("{\"user_session\":\"\\\"><script>window.__xss3=1</script>\"}", callback.get("session_metadata").get(0),
                    "metadata travels back exactly, URL-encoded, never rendered");
        } finally {
            demo.setName(original);
            realm.admin().clients().get(demo.getId()).update(demo);
        }
    }
}
