package io.github.kcconsent.it.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import io.github.kcconsent.it.support.openbanking.CustomerTokens;
import io.github.kcconsent.it.support.openbanking.CustomerTokens.Authorization;
import io.github.kcconsent.it.support.PaymentConsents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The payment screen's rules over HTTP (Keycloak's real pages, {@link BrowserSession}): a {@code debtorAccount}
 * the partner sent is the only account offered and the only one Confirmar accepts; one that is not the
 * customer's, or nothing to pay from but the creditor's account, rejects the consent; so does an immediate
 * payment whose day ended in Brasília time before Confirmar; a payment consent that expired or ended while the
 * customer logged in is refused after login with {@code access_denied}, as a data-sharing consent is.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class PaymentAuthorizationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    CustomerTokens oauth;
    StoreDriver store;

    @BeforeEach
    void setUp() {
        oauth = new CustomerTokens(realm.getBaseUrl());
        store = new StoreDriver(realm.getBaseUrl());
    }

    private BrowserSession loggedInAt(Authorization authorization) {
        return loggedInAs(payer(), authorization);
    }

    private String status(String consentId) {
        return (String) store.consent(consentId).get("status");
    }

    @Test
    void aDebtorAccountSentByThePartnerIsTheOnlyAccountOfferedAndAccepted() throws Exception {
        String consentId = PaymentConsents.create(realm,
                PaymentConsents.immediate("Padaria São João Ltda.", "50.00", PaymentConsents.PAYING_CURRENT_ACCOUNT));
        BrowserSession browser = loggedInAt(oauth.pushAuthorization("openid payments consent:" + consentId));

        assertTrue(browser.showsForm("kcconsent-form"), browser.page.body());
        String page = browser.page.body();
        assertTrue(page.contains("value=\"acc-0001\""), "the account the partner named");
        assertFalse(page.contains("value=\"acc-0002\""), "no other account, though it can pay");

        // Confirmar with another account (a forged post) or none: the screen again, nothing changed.
        browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0002")));
        assertTrue(browser.showsForm("kcconsent-form"), browser.page.body());
        assertTrue(browser.page.body().contains("Escolha a conta de onde o pagamento vai sair."), browser.page.body());
        browser.submit("kcconsent-form", Map.of("decision", List.of("approve")));
        assertTrue(browser.page.body().contains("Escolha a conta de onde o pagamento vai sair."), browser.page.body());
        assertNull(browser.leftTo);
        assertEquals("AWAITING_AUTHORISATION", status(consentId));

        browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0001")));
        assertNotNull(browser.leftTo, browser.page.body());
        assertNotNull(CustomerTokens.query(browser.leftTo.getRawQuery()).get("code"), browser.leftTo.toString());
        Map<String, Object> stored = store.consent(consentId);
        assertEquals("AUTHORISED", stored.get("status"));
        assertEquals(JSON.readTree(PaymentConsents.PAYING_CURRENT_ACCOUNT),
                JSON.readTree((String) stored.get("paymentDetails")).get("debtorAccount"));
    }

    @Test
    void aPaymentsPersonalDataNeverReachesKeycloaksSessionsEventsOrUserConsents() throws Exception {
        String creditor = "Loja " + UUID.randomUUID().toString().substring(0, 8);
        String consentId = PaymentConsents.create(realm, PaymentConsents.immediate(creditor, "77.00", null));
        String username = TestUsers.customer(realm, "payer", TestUsers.PAYING_ACCOUNTS);
        oauth.authorise(oauth.browser(), "openid payments consent:" + consentId, username, TestUsers.PASSWORD);
        assertEquals("AUTHORISED", status(consentId));

        String userId = TestUsers.idOf(realm, username);
        // Keycloak persists sessions in the background: wait for the client session row, then read everything.
        Eventually.await("the client session in the database",
                () -> !((List<?>) store.get("/raw-keycloak?userId=" + userId).map().get("clientSessions")).isEmpty());
        String dump = store.get("/raw-keycloak?userId=" + userId).map().toString();
        assertTrue(dump.contains(consentId), "the dump holds this authorization's rows (the consent id is no personal data)");
        assertFalse(dump.contains(creditor), "no creditor name");
        assertFalse(dump.contains(PaymentConsents.CREDITOR_CNPJ), "no creditor document");
        assertFalse(dump.contains("9871234"), "no debtor account number");
        assertFalse(dump.contains(DemoRealm.USER_CPF), "no CPF");
    }

    @Test
    void aDebtorAccountThatIsNotOneOfTheCustomersPayingAccountsRejectsTheConsent() {
        String notTheirs = "{\"ispb\":\"12345678\",\"issuer\":\"0001\",\"number\":\"1111111\",\"accountType\":\"CACC\"}";
        String consentId = PaymentConsents.create(realm, PaymentConsents.immediate("Padaria São João Ltda.", "50.00", notTheirs));
        BrowserSession browser = loggedInAt(oauth.pushAuthorization("openid payments consent:" + consentId));

        assertDenied(browser, "the payment consent's debtorAccount is not an account of this customer that can pay");
        assertRejectedByTheBank(consentId, "CONTA_NAO_PERMITE_PAGAMENTO");
    }

    @Test
    void aConsentWhoseOnlyAccountToPayFromIsTheCreditorsIsRejected() throws Exception {
        // The partner names the customer's current account as the debtor and as the creditor's account.
        ObjectNode details = PaymentConsents.immediate("Padaria São João Ltda.", "50.00", PaymentConsents.PAYING_CURRENT_ACCOUNT);
        ((ObjectNode) details.at("/payment/details")).set("creditorAccount", JSON.readTree(PaymentConsents.PAYING_CURRENT_ACCOUNT));
        String consentId = PaymentConsents.create(realm, details);
        BrowserSession browser = loggedInAt(oauth.pushAuthorization("openid payments consent:" + consentId));

        assertDenied(browser, "the only account this customer could pay from is the creditor's account");
        assertRejectedByTheBank(consentId, "CONTAS_ORIGEM_DESTINO_IGUAIS");
    }

    @Test
    void theCreditorsAccountIsNotOfferedWhenTheCustomerHasAnother() throws Exception {
        ObjectNode details = PaymentConsents.immediate("Padaria São João Ltda.", "50.00", null);
        ((ObjectNode) details.at("/payment/details")).set("creditorAccount", JSON.readTree(PaymentConsents.PAYING_CURRENT_ACCOUNT));
        String consentId = PaymentConsents.create(realm, details);
        BrowserSession browser = loggedInAt(oauth.pushAuthorization("openid payments consent:" + consentId));

        assertTrue(browser.showsForm("kcconsent-form"), browser.page.body());
        assertFalse(browser.page.body().contains("value=\"acc-0001\""), "the creditor's account is not offered");
        assertTrue(browser.page.body().contains("value=\"acc-0002\""), "the customer's other paying account is");
        // A forged post for the creditor's account: the screen again, nothing changed.
        browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0001")));
        assertTrue(browser.page.body().contains("Escolha a conta de onde o pagamento vai sair."), browser.page.body());
        assertEquals("AWAITING_AUTHORISATION", status(consentId));
    }

    /**
     * An immediate payment is for its own day in Brasília, and that day can end inside the 5 minutes a customer
     * has to confirm. The server's clock is moved (Keycloak's time offset, through the testing resource) to 23:58
     * yesterday; three consents for yesterday's payment are created and two screens reached. Confirmar at 23:59:30
     * authorises the first. Confirmar at 00:00:30 rejects the second by the bank with TEMPO_EXPIRADO_AUTORIZACAO,
     * well inside its 5 minutes; the third, whose screen is reached only after midnight, is rejected the same way
     * before anything is shown. The partner's JWTs are dated on the server's clock, which checks them.
     */
    @Test
    void anImmediatePaymentIsConfirmedUntilMidnightInBrasiliaAndRejectedByTheBankAfterIt() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(PaymentConsents.BRASILIA);
        int toMidnight = (int) Duration.between(now, now.toLocalDate().atStartOfDay(PaymentConsents.BRASILIA)).toSeconds();
        LocalDate yesterday = now.toLocalDate().minusDays(1);
        // Everything that needs the admin API is done on the real clock: an admin token the test framework
        // fetched on the moved clock would already be expired for the server once the clock is back.
        String partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        List<String> payers = List.of(payer(), payer(), payer());
        try {
            CustomerTokens partner = serverClockAt(toMidnight - 120);
            String beforeMidnight = immediateOn(partnerId, yesterday);
            String afterMidnight = immediateOn(partnerId, yesterday);
            String reachedAfterMidnight = immediateOn(partnerId, yesterday);
            BrowserSession first = loggedInAs(payers.get(0), partner.pushAuthorization("openid payments consent:" + beforeMidnight));
            BrowserSession second = loggedInAs(payers.get(1), partner.pushAuthorization("openid payments consent:" + afterMidnight));
            assertTrue(first.showsForm("kcconsent-form"), first.page.body());
            assertTrue(second.showsForm("kcconsent-form"), second.page.body());

            serverClockAt(toMidnight - 30);
            first.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0001")));
            assertNotNull(first.leftTo, first.page.body());
            assertNotNull(CustomerTokens.query(first.leftTo.getRawQuery()).get("code"), first.leftTo.toString());
            assertEquals("AUTHORISED", status(beforeMidnight));

            partner = serverClockAt(toMidnight + 30);
            second.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0001")));
            assertRejectedForItsDay(second, afterMidnight, yesterday);

            BrowserSession late = loggedInAs(payers.get(2),
                    partner.pushAuthorization("openid payments consent:" + reachedAfterMidnight));
            assertFalse(late.page.body().contains("kcconsent-form"), "no payment screen after its day");
            assertRejectedForItsDay(late, reachedAfterMidnight, yesterday);
        } finally {
            serverClockAt(0);
        }
    }

    private String payer() {
        return TestUsers.customer(realm, "payer", TestUsers.PAYING_ACCOUNTS);
    }

    private BrowserSession loggedInAs(String username, Authorization authorization) {
        BrowserSession browser = oauth.browser().open(authorization.authorizeUrl());
        browser.login(username, TestUsers.PASSWORD);
        return browser;
    }

    /** An awaiting payment consent of the demo partner for an immediate payment on {@code date}, the server's day. */
    private String immediateOn(String partnerId, LocalDate date) {
        return PaymentConsents.create(store, partnerId,
                PaymentConsents.immediate("Padaria São João Ltda.", "50.00", null, date));
    }

    /** The partner got {@code access_denied} with {@code description}. */
    private static void assertDenied(BrowserSession browser, String description) {
        assertNotNull(browser.leftTo, "the partner got an answer:\n" + browser.page.body());
        Map<String, String> answer = CustomerTokens.query(browser.leftTo.getRawQuery());
        assertEquals("access_denied", answer.get("error"), answer.toString());
        assertEquals(description, answer.get("error_description"));
    }

    private void assertRejectedForItsDay(BrowserSession browser, String consentId, LocalDate day) {
        assertDenied(browser, "the consent's immediate payment is for a day that has ended in Brasília time");
        assertRejectedByTheBank(consentId, "TEMPO_EXPIRADO_AUTORIZACAO");
        List<Object> history = store.get("/consents/" + StoreDriver.encode(consentId) + "/history").list();
        Map<?, ?> last = (Map<?, ?>) history.get(history.size() - 1);
        assertEquals("AWAITING_AUTHORISATION", last.get("from"), history.toString());
        assertEquals("O pagamento imediato era para " + day + ", dia que terminou antes da confirmação.",
                last.get("additionalInformation"));
        String details = (String) store.consent(consentId).get("paymentDetails");
        assertNotNull(details);
        assertFalse(details.contains("debtorAccount"),
                "no account was chosen: nothing of the refused confirmation was kept");
    }

    /** Moves the server's clock {@code seconds} from the real time (0: back to it); the partner dating its JWTs on it. */
    private CustomerTokens serverClockAt(int seconds) {
        store.moveServerClock(seconds);
        return oauth.onServerClockMovedBy(seconds);
    }

    private void assertRejectedByTheBank(String consentId, String reason) {
        Map<String, Object> stored = store.consent(consentId);
        assertEquals("REJECTED", stored.get("status"), "it could never be paid: rejected now, not left to expire");
        assertEquals(reason, stored.get("rejectionReason"));
        assertEquals("ASPSP", stored.get("rejectedBy"));
    }

    @Test
    void aPaymentConsentRejectedWhileTheCustomerLogsInIsRefusedAfterLogin() {
        String consentId = PaymentConsents.create(realm, PaymentConsents.immediate("Padaria São João Ltda.", "50.00", null));
        BrowserSession browser = oauth.browser().open(oauth.pushAuthorization("openid payments consent:" + consentId).authorizeUrl());
        assertTrue(browser.showsForm("kc-form-login"), browser.page.body());
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(consentId) + "/reject",
                Map.of("rejectedBy", "TPP", "reason", "NAO_INFORMADO")).status());

        browser.login(TestUsers.customer(realm, "payer", TestUsers.PAYING_ACCOUNTS), TestUsers.PASSWORD);

        assertNotNull(browser.leftTo, browser.page.body());
        Map<String, String> answer = CustomerTokens.query(browser.leftTo.getRawQuery());
        assertEquals("access_denied", answer.get("error"), answer.toString());
        assertTrue(answer.get("error_description").contains("not awaiting authorisation"), answer.toString());
        assertEquals("NAO_INFORMADO", store.consent(consentId).get("rejectionReason"), "unchanged");
    }

    @Test
    void aPaymentConsentWhoseAuthorisationWindowEndedWhileTheCustomerLogsInIsRefusedAfterLogin() throws Exception {
        RealmRepresentation rep = realm.admin().toRepresentation();
        String window = rep.getAttributes().get("kcconsent.authorisationWindow.PAYMENT");
        rep.getAttributes().put("kcconsent.authorisationWindow.PAYMENT", "3");
        realm.admin().update(rep);
        String consentId;
        try {
            consentId = PaymentConsents.create(realm, PaymentConsents.immediate("Padaria São João Ltda.", "50.00", null));
        } finally {
            if (window == null) {
                rep.getAttributes().remove("kcconsent.authorisationWindow.PAYMENT");
            } else {
                rep.getAttributes().put("kcconsent.authorisationWindow.PAYMENT", window);
            }
            realm.admin().update(rep);
        }
        BrowserSession browser = oauth.browser().open(oauth.pushAuthorization("openid payments consent:" + consentId).authorizeUrl());
        assertTrue(browser.showsForm("kc-form-login"), browser.page.body());
        Eventually.await("the authorisation window to end", () -> "REJECTED".equals(store.consent(consentId).get("effectiveStatus")));

        browser.login(TestUsers.customer(realm, "payer", TestUsers.PAYING_ACCOUNTS), TestUsers.PASSWORD);

        assertNotNull(browser.leftTo, browser.page.body());
        Map<String, String> answer = CustomerTokens.query(browser.leftTo.getRawQuery());
        assertEquals("access_denied", answer.get("error"), answer.toString());
        assertTrue(answer.get("error_description").contains("not awaiting authorisation"), answer.toString());
        assertEquals("TEMPO_EXPIRADO_AUTORIZACAO", store.consent(consentId).get("rejectionReason"));
    }
}
