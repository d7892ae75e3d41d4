package io.github.kcconsent.it.selfservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.PaymentConsents;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The customer's page shows a payment consent read-only (amount, creditor, day, status, no revoke button), and
 * a revocation posted for it anyway changes nothing. Server-rendered HTML over plain HTTP; the browser tests of
 * the page are in {@link SelfServiceBrowserIT}.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class SelfServicePaymentConsentIT {

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    /** The page's list item of one consent. */
    private static String item(String page, String consentId) {
        for (String part : page.split("<li class=\"kcconsent-my-item\"")) {
            if (part.contains("data-consent-id=\"" + consentId + "\"")) {
                return part;
            }
        }
        throw new AssertionError("no item for " + consentId + " in\n" + page);
    }

    @Test
    void aPaymentConsentIsShownWithItsAmountCreditorAndDayAndCannotBeRevoked() {
        String username = TestUsers.create(realm, "payer", Map.of());
        String userId = TestUsers.idOf(realm, username);
        String partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        String payment = new PaymentConsents(store, partnerId).authorised(userId);
        Map<String, Object> sharingBody = new HashMap<>();
        sharingBody.put("clientId", partnerId);
        sharingBody.put("userId", userId);
        sharingBody.put("origin", "CONSENT_LINK");
        sharingBody.put("permissions", List.of("accounts"));
        sharingBody.put("cpf", DemoRealm.USER_CPF);
        String sharing = (String) store.create(sharingBody).get("id");
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(sharing) + "/authorise",
                Map.of("userId", userId, "resources", List.of())).status());
        String history = store.get("/consents/" + StoreDriver.encode(payment) + "/history").list().toString();

        String origin = realm.getBaseUrl().replaceAll("/realms/.*", "");
        BrowserSession browser = new BrowserSession(origin).open(realm.getBaseUrl() + "/consent/my");
        browser.login(username, TestUsers.PASSWORD);
        String page = browser.page.body();
        assertTrue(page.contains("kcconsent-my-consents"), page);

        String shown = item(page, payment);
        assertTrue(shown.contains("Pagamento:") && shown.contains("R$ 1.234,56"), shown);
        assertTrue(shown.contains("Para:"), shown);
        assertTrue(shown.contains("Padaria &lt;b&gt;São João&lt;/b&gt; &amp; Cia"), "the creditor's name as text: " + shown);
        assertFalse(page.contains("<b>São João</b>"), "never as markup");
        String today = LocalDate.now(ZoneId.of("America/Sao_Paulo")).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        assertTrue(shown.contains("Em " + today), shown);
        assertTrue(shown.contains("Ativo"), shown);
        assertFalse(shown.contains("kcconsent-revoke-form"), "no revoke button for a payment consent: " + shown);
        assertFalse(shown.contains(PaymentConsents.CREDITOR_CNPJ) || shown.contains("9876543210"),
                "no document or account number on the page");
        assertTrue(item(page, sharing).contains("kcconsent-revoke-form"), "a data-sharing consent keeps its button");

        // Posted anyway, with this session's valid token: "not found", nothing changes.
        String csrf = page.replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
        for (String step : List.of("/consent/my/revoke", "/consent/my/revoke/confirm")) {
            browser.postRaw(realm.getBaseUrl() + step, "consent_id=" + StoreDriver.encode(payment) + "&csrf=" + csrf);
            assertEquals(200, browser.page.statusCode(), step);
            assertTrue(browser.page.body().contains("não existe ou não pode mais ser revogado"), step + "\n" + browser.page.body());
        }
        assertEquals("AUTHORISED", store.consent(payment).get("status"));
        assertEquals(history, store.get("/consents/" + StoreDriver.encode(payment) + "/history").list().toString());
    }
}
