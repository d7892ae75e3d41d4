package io.github.kcconsent.it.backoffice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.kcconsent.it.support.BackofficeApi;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.StaffTokens;
import io.github.kcconsent.it.support.StoreDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Tamper-evident history on the real server: the history rows are edited, deleted and stripped of their seals
 * with plain SQL (as someone with database access would), and the back-office verification reports each at the
 * entry where it happened; history from before sealing is sealed late and then verifies.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class HistoryVerificationIT {

    private static final String CPF = "52998224725";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    StoreDriver store;
    BackofficeApi api;
    String partnerId;
    String mariaId;
    String viewer;

    @BeforeEach
    void setUp() {
        store = new StoreDriver(realm.getBaseUrl());
        api = new BackofficeApi(realm);
        partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        mariaId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        viewer = StaffTokens.withRoles(realm, "view-consents");
    }

    @Test
    void aHistoryThroughCreationAuthorisationAndRevocationVerifies() {
        String id = revokedConsent();

        Map<String, Object> v = verification(id);

        assertEquals(Boolean.TRUE, v.get("verified"), v.toString());
        assertEquals(3, v.get("entries"));
        assertEquals(0, v.get("sealedLate"));
        assertNull(v.get("problem"));
    }

    @Test
    void anEntryEditedWithSqlIsReportedAtItsSequence() {
        String id = revokedConsent();
        long authorised = sequenceOf(id, "AUTHORISED");
        tamper(id, Map.of("op", "set", "sequence", authorised, "column", "ACTOR", "value", "admin:someone-else"));

        Map<String, Object> v = verification(id);

        assertEquals(Boolean.FALSE, v.get("verified"));
        assertEquals("SEAL_MISMATCH", v.get("problem"));
        assertEquals(authorised, ((Number) v.get("sequence")).longValue());
    }

    @Test
    void anEntryDeletedWithSqlIsReportedAtTheEntryAfterIt() {
        String id = revokedConsent();
        long authorised = sequenceOf(id, "AUTHORISED");
        long revoked = sequenceOf(id, "REJECTED");
        tamper(id, Map.of("op", "delete", "sequence", authorised));

        Map<String, Object> v = verification(id);

        assertEquals("LINK_MISMATCH", v.get("problem"), v.toString());
        assertEquals(revoked, ((Number) v.get("sequence")).longValue());
    }

    @Test
    void theNewestEntryDeletedWithSqlIsReported() {
        String id = revokedConsent();
        tamper(id, Map.of("op", "delete", "sequence", sequenceOf(id, "REJECTED")));

        assertEquals("HEAD_MISMATCH", verification(id).get("problem"));
    }

    @Test
    void aStatusEditedOnTheConsentRowIsReported() {
        String id = revokedConsent();
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(id) + "/status-without-listeners",
                Map.of("status", "AUTHORISED")).status());

        assertEquals("STATUS_MISMATCH", verification(id).get("problem"));
    }

    @Test
    void historyFromBeforeSealingIsUnsealedUntilTheMigrationSealsIt() {
        String id = revokedConsent();
        tamper(id, Map.of("op", "unseal"));
        assertEquals("UNSEALED", verification(id).get("problem"));

        StoreDriver.Reply sealed = store.post("/seal-late-histories", Map.of());
        assertEquals(200, sealed.status(), sealed.toString());
        assertTrue(((Number) sealed.map().get("sealed")).intValue() >= 1, sealed.toString());

        Map<String, Object> v = verification(id);
        assertEquals(Boolean.TRUE, v.get("verified"), v.toString());
        assertEquals(3, v.get("sealedLate"));
        assertEquals(0, ((Number) store.post("/seal-late-histories", Map.of()).map().get("sealed")).intValue(),
                "nothing is left to seal");
    }

    @Test
    void aConsentFromBeforeSealingIsSealedByItsNextChange() {
        String id = authorisedConsent();
        tamper(id, Map.of("op", "unseal"));

        revoke(id);

        Map<String, Object> v = verification(id);
        assertEquals(Boolean.TRUE, v.get("verified"), v.toString());
        assertEquals(3, v.get("entries"));
        assertEquals(2, v.get("sealedLate"), "the two old entries, not the revocation");
    }

    @Test
    void aRealmIsVerifiedPageByPageAndListsExactlyTheTamperedConsents() {
        String intact = revokedConsent();
        String edited = revokedConsent();
        tamper(edited, Map.of("op", "set", "sequence", 0, "column", "CHANGED_AT", "value", "1"));

        Set<String> failed = new HashSet<>();
        Set<String> seen = new HashSet<>();
        int checkedInTotal = 0;
        String after = null;
        int pages = 0;
        do {
            HttpResponse<String> page = get("/history/verification?max=2" + (after == null ? "" : "&after=" + StoreDriver.encode(after)));
            assertEquals(200, page.statusCode(), page.body());
            Map<String, Object> body = json(page);
            int checked = ((Number) body.get("checked")).intValue();
            assertTrue(checked <= 2, "a page holds at most max consents");
            checkedInTotal += checked;
            for (Object f : (List<?>) body.get("failed")) {
                assertTrue(failed.add((String) ((Map<?, ?>) f).get("consentId")), "a consent fails on one page only: " + f);
            }
            after = (String) body.get("next");
            if (after != null) {
                seen.add(after);
            }
            pages++;
        } while (after != null && pages < 1000);

        assertNull(after, "the paging ended (no next cursor) within 1000 pages");
        // Other tests of this class tamper consents of the same realm, so the exact expectation is computed
        // here: every consent of the realm, as the raw table lists them, checked once in total, and the failed
        // list is exactly the consents whose own verification fails.
        List<String> all = store.get("/raw-named?table=KCC_CONSENT").list().stream()
                .map(row -> (String) ((Map<?, ?>) row).get("ID")).toList();
        assertEquals(all.size(), checkedInTotal, "every consent of the realm was checked exactly once");
        Set<String> failingOneByOne = new HashSet<>();
        for (String id : all) {
            if (!Boolean.TRUE.equals(verification(id).get("verified"))) {
                failingOneByOne.add(id);
            }
        }
        assertEquals(failingOneByOne, failed, "the realm's list is exactly the consents that fail on their own");
        assertTrue(failed.contains(edited), "the edited consent fails: " + failed);
        assertFalse(failed.contains(intact), "the intact consent verifies");
        assertTrue(pages >= 2, "the realm took more than one page");
        assertEquals(pages - 1, seen.size(), "each page continued after a new consent");
    }

    @Test
    void badInputIsAClearErrorAndUnknownConsentsAreNotFound() {
        assertEquals(404, get("/" + StoreDriver.encode("urn:kcconsent:no-such-consent") + "/history/verification").statusCode());
        for (String query : List.of("max=0", "max=501", "max=abc", "after=not-an-id", "max=1&max=2")) {
            HttpResponse<String> r = get("/history/verification?" + query);
            assertEquals(400, r.statusCode(), query + ": " + r.body());
            assertEquals("invalid_request", json(r).get("error"), query);
        }
    }

    @Test
    void verificationNeedsAConsentRole() {
        String id = revokedConsent();
        String nobody = StaffTokens.withRoles(realm);
        assertEquals(403, api.get(nobody, "/" + StoreDriver.encode(id) + "/history/verification").statusCode());
        assertEquals(403, api.get(nobody, "/history/verification").statusCode());
        assertEquals(401, Http.get(api.url() + "/history/verification").statusCode());
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private String authorisedConsent() {
        return store.authorise(store.createDataSharing(partnerId, CPF), mariaId, "Conta •••• 1234");
    }

    private String revokedConsent() {
        String id = authorisedConsent();
        revoke(id);
        return id;
    }

    private void revoke(String id) {
        store.reject(id, "CUSTOMER_MANUALLY_REVOKED");
    }

    /** The sequence of the consent's entry that moved it to {@code status}, as the raw table holds it. */
    private long sequenceOf(String id, String status) {
        StoreDriver.Reply rows = store.get("/raw-named?table=KCC_CONSENT_STATUS_HISTORY");
        assertEquals(200, rows.status(), rows.toString());
        List<Long> found = new ArrayList<>();
        for (Object row : rows.list()) {
            Map<?, ?> r = (Map<?, ?>) row;
            if (id.equals(r.get("CONSENT_ID")) && status.equals(r.get("TO_STATUS"))) {
                found.add(Long.valueOf(String.valueOf(r.get("SEQ"))));
            }
        }
        assertEquals(1, found.size(), "one " + status + " entry of " + id);
        return found.get(0);
    }

    private void tamper(String id, Map<String, Object> sql) {
        StoreDriver.Reply r = store.post("/consents/" + StoreDriver.encode(id) + "/history-sql", sql);
        assertEquals(200, r.status(), r.toString());
        assertTrue(((Number) r.map().get("updated")).intValue() >= 1, "the SQL changed a row: " + r);
    }

    private Map<String, Object> verification(String id) {
        return BackofficeApi.ok(get("/" + StoreDriver.encode(id) + "/history/verification"));
    }

    private HttpResponse<String> get(String pathAndQuery) {
        return api.get(viewer, pathAndQuery);
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return BackofficeApi.json(response);
    }
}
