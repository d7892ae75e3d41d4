package io.github.kcconsent.it.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;
import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/** The consent link end to end over real HTTP: link → realm login → consent screen → partner callback. */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentLinkFlowIT {

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    PartnerLinks partner;
    StoreDriver store;
    String origin;

    @BeforeEach
    void setUp() {
        partner = new PartnerLinks(realm.getBaseUrl());
        store = new StoreDriver(realm.getBaseUrl());
        origin = realm.getBaseUrl().replaceAll("/realms/.*", "");
    }

    private BrowserSession loggedInAtConsentScreen(JWTClaimsSet claims, String username, String password) {
        BrowserSession browser = new BrowserSession(origin).open(partner.link(partner.sign(claims)));
        assertEquals(200, browser.page.statusCode(), browser.page.body());
        browser.login(username, password);
        assertTrue(browser.showsForm("kcconsent-form"), "consent screen after login:\n" + browser.page.body());
        return browser;
    }

    /** A valid link approved with one account and continued past the success page, back at the partner. */
    private BrowserSession approvedAndContinued(String username, String account) {
        BrowserSession browser = loggedInAtConsentScreen(partner.validClaims().build(), username, TestUsers.PASSWORD);
        browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of(account)));
        browser.submit("kcconsent-result", Map.of("decision", List.of("continue")));
        return browser;
    }

    @Test
    void approvedSendsThePartnerTheResultAndTheSelectedAccounts() throws Exception {
        JWTClaimsSet claims = partner.validClaims().claim("session_metadata", Map.of("user_session", "abc-123", "n", 7)).build();
        BrowserSession browser = loggedInAtConsentScreen(claims, createUser("approver"), TestUsers.PASSWORD);
        String screen = browser.page.body();
        assertTrue(screen.contains("Permitir") && screen.contains("Ignorar"), "Portuguese buttons");
        assertTrue(screen.contains("Parceiro Demo"), "who is asking");
        assertTrue(screen.contains("Conta corrente"), "the user's accounts");

        browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0001", "acc-0002")));
        assertTrue(browser.showsForm("kcconsent-result"), "success page:\n" + browser.page.body());
        assertTrue(browser.page.body().contains("Ok, entendi"));
        assertNull(browser.leftTo, "the partner is not called before the user continues");
        browser.submit("kcconsent-result", Map.of("decision", List.of("continue")));

        Map<String, List<String>> callback = browser.callbackParams();
        assertTrue(browser.leftTo.toString().startsWith(DemoRealm.PARTNER_REDIRECT_URI + "?"));
        assertEquals(List.of("approved"), callback.get("consent_result"));
        assertEquals(List.of("acc-0001", "acc-0002"), callback.get("resource_id"));
        assertEquals(Map.of("user_session", "abc-123", "n", 7),
                JsonSerialization.readValue(callback.get("session_metadata").get(0), Map.class));
        String consentId = callback.get("consent_id").get(0);
        Map<String, Object> consent = store.consent(consentId);
        assertEquals("AUTHORISED", consent.get("status"));
        assertEquals("CONSENT_LINK", consent.get("origin"));
        assertEquals(2, ((List<?>) consent.get("resources")).size());
        assertEquals("52998224725", consent.get("cpf"));
        assertEquals(List.of("accounts", "transactions"), consent.get("permissions"));
    }

    @Test
    void approvalShowsInKeycloakUserConsentsAndRevokingThereRevokesOurs() {
        String username = createUser("mirror");
        BrowserSession browser = approvedAndContinued(username, "acc-0001");
        String consentId = browser.callbackParams().get("consent_id").get(0);
        var user = realm.admin().users().get(realm.admin().users().search(username, true).get(0).getId());

        List<Map<String, Object>> keycloakConsents = user.getConsents();
        assertEquals(1, keycloakConsents.size(), "the Admin/Account Console show the partner");
        assertEquals(DemoRealm.PARTNER_CLIENT_ID, keycloakConsents.get(0).get("clientId"));
        assertTrue(keycloakConsents.get(0).get("grantedClientScopes").toString().contains("accounts"));

        // Revoke it where an admin (Users → Consents) or the customer (Account Console) would.
        user.revokeConsent(DemoRealm.PARTNER_CLIENT_ID);

        Map<String, Object> consent = store.consent(consentId);
        assertEquals("REJECTED", consent.get("status"));
        assertEquals("CUSTOMER_MANUALLY_REVOKED", consent.get("rejectionReason"));
        List<Object> history = store.get("/consents/" + StoreDriver.encode(consentId) + "/history").list();
        assertEquals("KEYCLOAK_CONSENTS", ((Map<?, ?>) history.get(history.size() - 1)).get("channel"));
    }

    @Test
    void ignoredRecordsARejectedConsentAndSendsNoResource() {
        BrowserSession browser = loggedInAtConsentScreen(partner.validClaims().build(), createUser("u"), TestUsers.PASSWORD);

        browser.submit("kcconsent-form", Map.of("decision", List.of("ignore")));

        Map<String, List<String>> callback = browser.callbackParams();
        assertEquals(List.of("ignored"), callback.get("consent_result"));
        assertNull(callback.get("resource_id"));
        Map<String, Object> consent = store.consent(callback.get("consent_id").get(0));
        assertEquals("REJECTED", consent.get("status"));
        assertEquals("CUSTOMER_MANUALLY_REJECTED", consent.get("rejectionReason"));
        assertEquals("USER", consent.get("rejectedBy"));
    }

    @Test
    void secondLinkOfAnApprovedPartnerIsAlreadyGranted() {
        String user = createUser("granted");
        BrowserSession first = approvedAndContinued(user, "acc-0001");
        String grantedId = first.callbackParams().get("consent_id").get(0);
        int before = countConsents();

        BrowserSession second = new BrowserSession(origin).open(partner.link(partner.sign(partner.validClaims().build())));
        second.login(user, TestUsers.PASSWORD);
        assertTrue(second.showsForm("kcconsent-result"), "already-granted page:\n" + second.page.body());
        second.submit("kcconsent-result", Map.of("decision", List.of("continue")));

        Map<String, List<String>> callback = second.callbackParams();
        assertEquals(List.of("already_granted"), callback.get("consent_result"));
        assertEquals(List.of(grantedId), callback.get("consent_id"));
        assertNull(callback.get("resource_id"));
        assertEquals(before, countConsents(), "no second consent");
    }

    @Test
    void aLinkAfterTheConsentWasRevokedAsksAgain() {
        String username = createUser("revoked");
        BrowserSession first = approvedAndContinued(username, "acc-0001");
        String revokedId = first.callbackParams().get("consent_id").get(0);
        realm.admin().users().get(TestUsers.idOf(realm, username)).revokeConsent(DemoRealm.PARTNER_CLIENT_ID);
        assertEquals("REJECTED", store.consent(revokedId).get("status"));

        // The revoked consent is not "already granted": the screen is shown and a new consent made.
        BrowserSession second = approvedAndContinued(username, "acc-0002");
        Map<String, List<String>> callback = second.callbackParams();
        assertEquals(List.of("approved"), callback.get("consent_result"));
        assertFalse(callback.get("consent_id").contains(revokedId), "a new consent, not the revoked one");
        assertEquals(List.of("acc-0002"), callback.get("resource_id"));
    }

    @Test
    void approvingWithoutAnAccountAsksAgainOnTheSamePage() {
        BrowserSession browser = loggedInAtConsentScreen(partner.validClaims().build(), createUser("u"), TestUsers.PASSWORD);
        int before = countConsents();

        browser.submit("kcconsent-form", Map.of("decision", List.of("approve")));

        assertEquals(200, browser.page.statusCode());
        assertTrue(browser.showsForm("kcconsent-form"), "still the consent page");
        assertTrue(browser.page.body().contains("Selecione pelo menos uma conta"));
        assertEquals(before, countConsents());

        // An account id that is not the user's is refused the same way.
        browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("someone-elses")));
        assertTrue(browser.page.body().contains("Selecione pelo menos uma conta"));
        assertEquals(before, countConsents());
    }

    @Test
    void aSecondClickOrReloadAfterDecidingCreatesNothing() {
        BrowserSession browser = loggedInAtConsentScreen(partner.validClaims().build(), createUser("u"), TestUsers.PASSWORD);
        String action = browser.formAction("kcconsent-form");
        Set<String> before = consentIds();
        browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0001")));
        assertTrue(browser.showsForm("kcconsent-result"), "success page:\n" + browser.page.body());
        Set<String> created = new HashSet<>(consentIds());
        created.removeAll(before);
        assertEquals(1, created.size(), "the approval created exactly one consent: " + created);
        String consentId = created.iterator().next();
        Map<String, Object> approved = store.consent(consentId);
        assertEquals("AUTHORISED", approved.get("status"));
        assertEquals(List.of("acc-0001"), resourceIds(approved));
        int historyEntries = history(consentId).size();
        URI resultPage = browser.page.uri();
        Set<String> after = consentIds();

        // Post the consent form again, as a double click or the back button would, choosing another account
        // (its step code is stale now: Keycloak answers with a redirect, the consent step is not run).
        browser.postRaw(action, "decision=approve&account=acc-0002");
        assertFalse(browser.page.body().contains("Exception"), "no stack trace");
        assertTrue(browser.page.statusCode() < 500, "no server error: " + browser.page.statusCode());
        // Reload the page shown after deciding: the same result.
        browser.open(resultPage.toString());
        assertTrue(browser.showsForm("kcconsent-result"), "the reload shows the same result:\n" + browser.page.body());
        // The same approval posted with the current step's code (the result page's form): it reaches the
        // consent step itself, which must only show the first decision again.
        browser.postRaw(browser.formAction("kcconsent-result"), "decision=approve&account=acc-0002");
        assertFalse(browser.page.body().contains("Exception"), "no stack trace");
        assertTrue(browser.page.statusCode() < 500, "no server error: " + browser.page.statusCode());
        browser.open(resultPage.toString());
        assertTrue(browser.showsForm("kcconsent-result"), "still the same result:\n" + browser.page.body());

        assertEquals(after, consentIds(), "no second consent");
        Map<String, Object> unchanged = store.consent(consentId);
        assertEquals("AUTHORISED", unchanged.get("status"));
        assertEquals(List.of("acc-0001"), resourceIds(unchanged), "the replay did not change the consent's accounts");
        assertEquals(approved.get("version"), unchanged.get("version"), "the consent was not written again");
        assertEquals(historyEntries, history(consentId).size(), "no further status change");

        // Continuing tells the partner the first decision: the consent and the account the user chose.
        browser.submit("kcconsent-result", Map.of("decision", List.of("continue")));
        Map<String, List<String>> callback = browser.callbackParams();
        assertEquals(List.of("approved"), callback.get("consent_result"));
        assertEquals(List.of(consentId), callback.get("consent_id"));
        assertEquals(List.of("acc-0001"), callback.get("resource_id"));
    }

    private static List<Object> resourceIds(Map<String, Object> consent) {
        return ((List<?>) consent.get("resources")).stream().map(r -> ((Map<?, ?>) r).get("resourceId")).map(Object.class::cast).toList();
    }

    private List<Object> history(String consentId) {
        return store.get("/consents/" + StoreDriver.encode(consentId) + "/history").list();
    }

    @SuppressWarnings("unchecked")
    private Set<String> consentIds() {
        Set<String> ids = new HashSet<>();
        for (Object row : store.get("/raw-named?table=KCC_CONSENT").list()) {
            ids.add(((Map<String, String>) row).get("ID"));
        }
        return ids;
    }

    private String createUser(String prefix) {
        return TestUsers.customer(realm, prefix, TestUsers.TWO_ACCOUNTS);
    }

    private int countConsents() {
        return store.get("/raw?table=KCC_CONSENT").list().size();
    }
}
