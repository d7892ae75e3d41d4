package io.github.kcconsent.it.fapi;

import static io.github.kcconsent.it.support.openbanking.OfbBank.LOA2;
import static io.github.kcconsent.it.support.openbanking.OfbBank.LOA3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.PaymentConsents;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import io.github.kcconsent.it.support.openbanking.CustomerTokens;
import io.github.kcconsent.it.support.openbanking.OfbBank.Customer;
import io.github.kcconsent.it.support.openbanking.OfbBank;
import io.github.kcconsent.it.support.openbanking.OfbPartner.Pushed;
import io.github.kcconsent.it.support.openbanking.OfbPartner.Tokens;
import io.github.kcconsent.it.support.openbanking.OfbPartner;
import io.github.kcconsent.it.support.openbanking.OfbProfileServerConfig;
import io.github.kcconsent.it.support.openbanking.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * Levels of authentication of the production-shaped realm: {@code urn:brasil:openbanking:loa2} is Keycloak level 1
 * (password), {@code urn:brasil:openbanking:loa3} level 2 (password + one-time code), through the realm's
 * {@code acr.loa.map} and the "ofb browser" flow's Conditional - Level Of Authentication sub-flows. A partner asks
 * for {@code acr} as an essential claim: without values it gets the client's default, LoA2 (data sharing); with
 * LoA3 (payments) a session that is only LoA2 steps up with the second factor. An ID token without the requested
 * acr never comes out: a failed or impossible step-up ends without one.
 */
@KeycloakIntegrationTest(config = OfbProfileServerConfig.class)
class OfbLevelOfAuthenticationIT {

    static final String ESSENTIAL_LOA3 = "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"" + LOA3 + "\"]}}}";
    private static final Pattern TOTP_SECRET = Pattern.compile("name=\"totpSecret\" value=\"([^\"]+)\"");

    @InjectRealm(fromJson = OfbBank.REALM_JSON)
    ManagedRealm realm;

    OfbBank bank;
    OfbPartner partner;

    @BeforeEach
    void setUp() {
        bank = new OfbBank(realm);
        partner = OfbPartner.register(realm, "tpp-loa", TestPki.PARTNER_A);
    }

    private Pushed push(String claimsJson, String prompt) {
        String consentId = partner.createConsent(OfbMutualTlsIT.ACCOUNTS);
        Pushed pushed = partner.push("openid consent:" + consentId, claims -> {
            claims.claim("claims", parse(claimsJson));
            if (prompt != null) {
                claims.claim("prompt", prompt);
            }
        }, JWSAlgorithm.PS256, partner.signingKey);
        assertEquals(201, pushed.status(), pushed.response().body());
        return pushed;
    }

    private static Map<?, ?> parse(String json) {
        try {
            return JsonSerialization.readValue(json, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A LoA2 SSO session: the customer signed in with the password at the bank's self-service page. */
    private BrowserSession signedInAtTheBank(Customer customer) {
        BrowserSession browser = bank.browser().open(bank.realmUrl + "/consent/my");
        browser.login(customer.username(), TestUsers.PASSWORD);
        assertEquals(200, browser.page.statusCode(), browser.page.body());
        assertNull(browser.leftTo, "signed in at the bank");
        return browser;
    }

    /** A fresh browser opens a LoA3 authorization and logs in with the password (the first of its two factors). */
    private BrowserSession passwordForLoa3(Customer customer, Pushed pushed) {
        BrowserSession browser = bank.browser().open(partner.authorizeUrl(pushed.requestUri()));
        browser.login(customer.username(), TestUsers.PASSWORD);
        return browser;
    }

    private String acrOf(Map<String, String> callback, Pushed pushed) {
        assertNotNull(callback.get("id_token"), callback.toString());
        String front = partner.idToken(callback.get("id_token")).claim("acr");
        Tokens tokens = partner.exchange(partner.http, callback.get("code"), pushed.verifier());
        assertEquals(200, tokens.status(), tokens.body().toString());
        assertEquals(front, partner.idToken(tokens.idToken()).claim("acr"), "the same acr in both ID tokens");
        assertEquals(front, CustomerTokens.claims(tokens.accessToken()).get("acr"), "and in the access token");
        return front;
    }

    /**
     * An Open Finance authorization on its own leaves no SSO session behind (Keycloak drops a session made only for
     * an offline token), so the LoA2 session is the customer's own, signed in at the bank's self-service page with
     * the realm's browser flow: the password.
     */
    @Test
    void aLoa2SessionAskedForLoa3StepsUpWithTheSecondFactor() {
        Customer customer = bank.customer("stepup");
        BrowserSession browser = signedInAtTheBank(customer);

        // Data sharing: essential acr without values, the client's default LoA2: the session is enough.
        Pushed dataSharing = push(OfbPartner.ESSENTIAL_ACR, null);
        browser.open(partner.authorizeUrl(dataSharing.requestUri()));
        assertFalse(browser.showsForm("kc-form-login") || browser.showsForm("kc-otp-login-form"), "LoA2 asks nothing more");
        browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0001")));
        assertEquals(LOA2, acrOf(partner.callback(browser), dataSharing));

        // Payments: essential acr LoA3. The session is LoA2: no password again, the one-time code only.
        Pushed payment = push(ESSENTIAL_LOA3, null);
        browser.leftTo = null;
        browser.open(partner.authorizeUrl(payment.requestUri()));
        assertFalse(browser.showsForm("kc-form-login"), "the password is not asked again");
        assertTrue(browser.showsForm("kc-otp-login-form"), "step-up: the second factor\n" + browser.page.body());
        browser.submit("kc-otp-login-form", Map.of("otp", List.of(customer.otp())));
        browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0001")));
        assertEquals(LOA3, acrOf(partner.callback(browser), payment));
    }

    /**
     * Payments at LoA3: a payment consent named in an authorization that only reached LoA2 is refused with
     * {@code access_denied} and stays awaiting; asked again with LoA3, the session steps up and the customer sees
     * the payment screen.
     */
    @Test
    void aPaymentConsentIsShownOnlyToAnAuthenticationThatReachedLoa3() {
        Customer customer = bank.customer("pay-loa");
        BrowserSession browser = signedInAtTheBank(customer);
        StoreDriver store = new StoreDriver(realm.getBaseUrl());
        String partnerId = realm.admin().clients().findByClientId(partner.clientId).get(0).getId();
        String consentId = new PaymentConsents(store, partnerId).awaiting(null);

        Pushed atLoa2 = pushFor(consentId, OfbPartner.ESSENTIAL_ACR);
        browser.open(partner.authorizeUrl(atLoa2.requestUri()));
        Map<String, String> refused = partner.callback(browser);
        assertEquals("access_denied", refused.get("error"), refused.toString());
        assertTrue(refused.get("error_description").contains(LOA3), refused.toString());
        assertEquals("AWAITING_AUTHORISATION", store.consent(consentId).get("status"), "nothing decided at LoA2");

        Pushed atLoa3 = pushFor(consentId, ESSENTIAL_LOA3);
        browser.leftTo = null;
        browser.open(partner.authorizeUrl(atLoa3.requestUri()));
        assertTrue(browser.showsForm("kc-otp-login-form"), "step-up: the second factor\n" + browser.page.body());
        browser.submit("kc-otp-login-form", Map.of("otp", List.of(customer.otp())));
        assertNull(browser.leftTo, "still at the bank");
        assertTrue(browser.page.body().contains("id=\"kcconsent-payment-amount\""), "the payment screen\n" + browser.page.body());
    }

    private Pushed pushFor(String consentId, String claimsJson) {
        Pushed pushed = partner.push("openid consent:" + consentId, claims -> claims.claim("claims", parse(claimsJson)),
                JWSAlgorithm.PS256, partner.signingKey);
        assertEquals(201, pushed.status(), pushed.response().body());
        return pushed;
    }

    @Test
    void aWrongSecondFactorGivesNoIdToken() {
        Customer customer = bank.customer("wrong-otp");
        BrowserSession browser = passwordForLoa3(customer, push(ESSENTIAL_LOA3, null));
        assertTrue(browser.showsForm("kc-otp-login-form"), browser.page.body());
        String wrong = customer.otp().equals("000000") ? "111111" : "000000";
        browser.submit("kc-otp-login-form", Map.of("otp", List.of(wrong)));
        assertNull(browser.leftTo, "the flow never went back to the partner");
        assertTrue(browser.showsForm("kc-otp-login-form"), "the code is asked again\n" + browser.page.body());
        assertFalse(browser.showsForm("kcconsent-form"), "no consent screen below LoA3");
    }

    @Test
    void promptNoneCannotStepUpAndAnswersWithoutAnIdToken() {
        Customer customer = bank.customer("prompt-none");
        BrowserSession browser = signedInAtTheBank(customer);

        Map<String, String> answer = partner.authorize(browser, push(ESSENTIAL_LOA3, "none"), customer);
        assertNotNull(answer.get("error"), "an error, not a silent LoA2: " + answer);
        assertNull(answer.get("id_token"), answer.toString());
        assertNull(answer.get("code"), answer.toString());
    }

    @Test
    void anEssentialAcrThatIsNoLevelOfThisBankIsRefused() {
        Pushed pushed = push("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:brasil:openbanking:loa4\"]}}}", null);
        BrowserSession browser = bank.browser().open(partner.authorizeUrl(pushed.requestUri()));
        assertNull(browser.leftTo, "an error page, no redirect with a token");
        assertEquals(400, browser.page.statusCode(), browser.page.body());
        assertFalse(browser.showsForm("kc-form-login"));
    }

    @Test
    void aCustomerWithoutASecondFactorEnrolsOneBeforeLoa3() {
        Customer customer = bank.passwordOnlyCustomer("enrol");
        Pushed payment = push(ESSENTIAL_LOA3, null);
        BrowserSession browser = passwordForLoa3(customer, payment);
        assertNull(browser.leftTo, "no ID token at LoA2 for a LoA3 request");
        assertTrue(browser.showsForm("kc-totp-settings-form"), "OTP enrolment first\n" + browser.page.body());

        Matcher secret = TOTP_SECRET.matcher(browser.page.body());
        assertTrue(secret.find(), "the enrolment page carries the new secret");
        String code = OfbBank.totp(secret.group(1).getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond() / 30);
        browser.submit("kc-totp-settings-form", Map.of("totp", List.of(code), "totpSecret", List.of(secret.group(1)),
                "userLabel", List.of("phone")));
        browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0001")));
        assertEquals(LOA3, acrOf(partner.callback(browser), payment));
    }
}
