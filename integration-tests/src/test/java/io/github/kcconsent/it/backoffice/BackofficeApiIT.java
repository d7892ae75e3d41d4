package io.github.kcconsent.it.backoffice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.StaffTokens;
import io.github.kcconsent.it.support.StoreDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/** The back-office API under /admin/realms/{realm}/consents: roles, every filter, paging edges, revocation. */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class BackofficeApiIT {

    static final String CPF_A = "52998224725";
    static final String CPF_B = "11144477735";
    static final String CNPJ = "11222333000181";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    StoreDriver store;
    String api;
    String partnerId;
    String mariaId;

    @BeforeEach
    void setUp() {
        store = new StoreDriver(realm.getBaseUrl());
        api = realm.getBaseUrl().replace("/realms/", "/admin/realms/") + "/consents";
        partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        mariaId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private String staff(String... roles) {
        return StaffTokens.withRoles(realm, roles);
    }

    private HttpResponse<String> get(String token, String pathAndQuery) {
        return Http.get(api + pathAndQuery, "Authorization", "Bearer " + token);
    }

    private HttpResponse<String> post(String token, String path, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JsonSerialization.readValue(response.body(), Map.class);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body());
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> ids(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        Set<String> out = new HashSet<>();
        for (Object item : (List<Object>) json(response).get("data")) {
            out.add((String) ((Map<String, Object>) item).get("consentId"));
        }
        return out;
    }

    private String consent(String cpf, String cnpj, String type, String clientId, String userId, boolean authorise) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", clientId);
        body.put("type", type);
        body.put("permissions", List.of("ACCOUNTS_READ", "RESOURCES_READ"));
        body.put("expiresInSeconds", 86400);
        body.put("cpf", cpf);
        if (cnpj != null) {
            body.put("cnpj", cnpj);
        }
        String id = (String) store.create(body).get("id");
        if (authorise) {
            assertEquals(200, store.post("/consents/" + StoreDriver.encode(id) + "/authorise", Map.of("userId", userId,
                    "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", "Conta •••• 1234")))).status());
        }
        return id;
    }

    // ---- tests ---------------------------------------------------------------------------------------

    @Test
    void withoutARoleEverythingIsForbidden() {
        String id = consent(CPF_A, null, "DATA_SHARING", partnerId, mariaId, false);
        String token = staff();

        assertEquals(403, get(token, "").statusCode());
        assertEquals(403, get(token, "/counts").statusCode());
        assertEquals(403, get(token, "/" + StoreDriver.encode(id)).statusCode());
        assertEquals(403, post(token, "/" + StoreDriver.encode(id) + "/revoke", "{}").statusCode());
        assertEquals(401, Http.get(api).statusCode(), "no token at all");
        assertEquals("AWAITING_AUTHORISATION", store.consent(id).get("status"));
    }

    @Test
    void viewersReadEverythingButCannotRevoke() {
        String id = consent(CPF_A, CNPJ, "DATA_SHARING", partnerId, mariaId, true);
        String viewer = staff("view-consents");

        HttpResponse<String> detail = get(viewer, "/" + StoreDriver.encode(id));
        assertEquals(200, detail.statusCode(), detail.body());
        Map<String, Object> body = json(detail);
        assertEquals(CPF_A, body.get("loggedUserDocument"));
        assertEquals(CNPJ, body.get("businessEntityDocument"));
        assertEquals("AUTHORISED", body.get("status"));
        assertEquals("demo-partner", body.get("clientId"));
        assertEquals(DemoRealm.USER, body.get("username"));
        assertEquals("Conta •••• 1234", ((Map<?, ?>) ((List<?>) body.get("resources")).get(0)).get("label"));
        assertEquals(2, ((List<?>) body.get("history")).size());
        assertEquals(404, get(viewer, "/" + StoreDriver.encode("urn:consent-demo:missing")).statusCode());

        String unrevoked = store.snapshot(id);
        assertEquals(403, post(viewer, "/" + StoreDriver.encode(id) + "/revoke", "{}").statusCode());
        assertEquals(unrevoked, store.snapshot(id), "a viewer's revocation changes nothing");
    }

    @Test
    void managersRevokeOnTheCustomersBehalfAndItIsRecorded() {
        String id = consent(CPF_A, null, "DATA_SHARING", partnerId, mariaId, true);
        String manager = staff("manage-consents");

        HttpResponse<String> revoked = post(manager, "/" + StoreDriver.encode(id) + "/revoke",
                "{\"additionalInformation\":\"Pedido pelo cliente na agência\"}");

        assertEquals(200, revoked.statusCode(), revoked.body());
        Map<String, Object> body = json(revoked);
        assertEquals("REJECTED", body.get("status"));
        Map<?, ?> rejection = (Map<?, ?>) body.get("rejection");
        assertEquals("USER", rejection.get("rejectedBy"));
        assertEquals("CUSTOMER_MANUALLY_REVOKED", rejection.get("reason"));
        List<?> history = (List<?>) body.get("history");
        Map<?, ?> last = (Map<?, ?>) history.get(history.size() - 1);
        assertTrue(((String) last.get("actor")).startsWith("admin:"));
        assertEquals("BACK_OFFICE", last.get("channel"));
        assertEquals("Pedido pelo cliente na agência", last.get("additionalInformation"));

        // Again: the consent is already rejected, and the refusal adds no history entry.
        String rejectedOnce = store.snapshot(id);
        HttpResponse<String> again = post(manager, "/" + StoreDriver.encode(id) + "/revoke", "{}");
        assertEquals(409, again.statusCode());
        assertEquals("invalid_status", json(again).get("error"));
        assertEquals(rejectedOnce, store.snapshot(id), "a second revocation changes nothing");
        // Bad bodies change nothing: not the status, not the version, not the history.
        String other = consent(CPF_A, null, "DATA_SHARING", partnerId, mariaId, true);
        String untouched = store.snapshot(other);
        assertEquals(400, post(manager, "/" + StoreDriver.encode(other) + "/revoke", "not json").statusCode());
        assertEquals(400, post(manager, "/" + StoreDriver.encode(other) + "/revoke", "{\"reason\":\"BECAUSE\"}").statusCode());
        assertEquals(400, post(manager, "/" + StoreDriver.encode(other) + "/revoke",
                "{\"additionalInformation\":\"" + "x".repeat(141) + "\"}").statusCode());
        assertEquals(untouched, store.snapshot(other), "bad bodies change nothing");
        assertEquals(404, post(manager, "/" + StoreDriver.encode("urn:consent-demo:missing") + "/revoke", "{}").statusCode());
    }

    @Test
    void aRevocationReasonMustBeAKnownCodeThatFitsTheConsentsTypeAndStatus() {
        String manager = staff("manage-consents");
        String authorised = consent(CPF_A, null, "DATA_SHARING", partnerId, mariaId, true);
        String path = "/" + StoreDriver.encode(authorised) + "/revoke";
        String untouched = store.snapshot(authorised);

        // Unknown, misspelled or lower-case codes: 400, nothing changes.
        for (String reason : List.of("BECAUSE", "customer_manually_revoked", "CUSTOMER_MANUALLY_REVOKED ")) {
            HttpResponse<String> refused = post(manager, path, "{\"reason\":\"" + reason + "\"}");
            assertEquals(400, refused.statusCode(), reason);
            assertEquals("invalid_request", json(refused).get("error"));
        }
        // Known codes that do not fit: a payment code on a data-sharing consent, an awaiting-only code on an
        // authorised one. 409, nothing changes.
        for (String reason : List.of("REJEITADO_USUARIO", "CONSENT_EXPIRED", "CUSTOMER_MANUALLY_REJECTED")) {
            HttpResponse<String> refused = post(manager, path, "{\"reason\":\"" + reason + "\"}");
            assertEquals(409, refused.statusCode(), reason);
            assertEquals("invalid_status", json(refused).get("error"));
        }
        assertEquals(untouched, store.snapshot(authorised), "no refused reason changed anything");

        // A bank's own reason is recorded as rejected by the ASPSP.
        HttpResponse<String> revoked = post(manager, path, "{\"reason\":\"INTERNAL_SECURITY_REASON\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
        Map<?, ?> rejection = (Map<?, ?>) json(revoked).get("rejection");
        assertEquals("ASPSP", rejection.get("rejectedBy"));
        assertEquals("INTERNAL_SECURITY_REASON", rejection.get("reason"));

        // A payment consent still awaiting takes the payment codes.
        String payment = consent(CPF_A, null, "PAYMENT", partnerId, mariaId, false);
        String awaiting = store.snapshot(payment);
        assertEquals(409, post(manager, "/" + StoreDriver.encode(payment) + "/revoke",
                "{\"reason\":\"CUSTOMER_MANUALLY_REJECTED\"}").statusCode());
        assertEquals(awaiting, store.snapshot(payment), "a data-sharing code changes nothing on a payment consent");
        HttpResponse<String> rejected = post(manager, "/" + StoreDriver.encode(payment) + "/revoke",
                "{\"reason\":\"SALDO_INSUFICIENTE\"}");
        assertEquals(200, rejected.statusCode(), rejected.body());
        assertEquals("SALDO_INSUFICIENTE", ((Map<?, ?>) json(rejected).get("rejection")).get("reason"));
    }

    @Test
    void everyFilterNarrowsTheSearch() throws Exception {
        ClientRepresentation otherClient = new ClientRepresentation();
        otherClient.setClientId("other-partner-" + UUID.randomUUID().toString().substring(0, 6));
        realm.admin().clients().create(otherClient).close();
        String otherId = realm.admin().clients().findByClientId(otherClient.getClientId()).get(0).getId();

        String viewerForCounts = staff("view-consents");
        Map<String, Long> countsBefore = countsByTypeAndStatus(viewerForCounts);
        Instant before = Instant.now();
        Thread.sleep(20);
        String a1 = consent(CPF_A, null, "DATA_SHARING", partnerId, mariaId, true);
        String a2 = consent(CPF_A, CNPJ, "PAYMENT", partnerId, mariaId, false);
        String b1 = consent(CPF_B, null, "DATA_SHARING", otherId, mariaId, false);
        Thread.sleep(20);
        Instant after = Instant.now();
        String viewer = staff("view-consents");

        assertEquals(Set.of(a1, a2), ids(get(viewer, "?cpf=529.982.247-25&created-from=" + before)));
        assertEquals(Set.of(b1), ids(get(viewer, "?cpf=" + CPF_B + "&created-from=" + before)));
        assertEquals(Set.of(a2), ids(get(viewer, "?cnpj=11.222.333/0001-81&created-from=" + before)));
        assertEquals(Set.of(b1), ids(get(viewer, "?client=" + otherClient.getClientId())));
        assertEquals(Set.of(), ids(get(viewer, "?client=no-such-client")));
        assertEquals(Set.of(a1), ids(get(viewer, "?user=" + DemoRealm.USER + "&created-from=" + before)));
        assertEquals(Set.of(a2), ids(get(viewer, "?type=PAYMENT&created-from=" + before)));
        assertEquals(Set.of(a1, a2, b1), ids(get(viewer, "?type=PAYMENT,DATA_SHARING&created-from=" + before)));
        assertEquals(Set.of(a2, b1), ids(get(viewer, "?status=AWAITING_AUTHORISATION&created-from=" + before)));
        assertEquals(Set.of(a1, a2), ids(get(viewer, "?status=AUTHORISED&status=AWAITING_AUTHORISATION&client="
                + DemoRealm.PARTNER_CLIENT_ID + "&created-from=" + before)));
        assertEquals(Set.of(), ids(get(viewer, "?created-from=" + after)));
        assertEquals(Set.of(a1, a2, b1), ids(get(viewer, "?created-from=" + before + "&created-to=" + after)));
        assertEquals(Set.of(), ids(get(viewer, "?expires-before=" + before + "&created-from=" + before)));
        assertEquals(Set.of(a1, a2, b1), ids(get(viewer, "?expires-before=" + Instant.now().plusSeconds(2 * 86400)
                + "&created-from=" + before)));

        // The counts are per realm: exactly the three new consents were added, each under its type and status.
        Map<String, Long> countsAfter = countsByTypeAndStatus(viewer);
        Map<String, Long> expected = new HashMap<>(countsBefore);
        expected.merge("DATA_SHARING/AUTHORISED", 1L, Long::sum);
        expected.merge("PAYMENT/AWAITING_AUTHORISATION", 1L, Long::sum);
        expected.merge("DATA_SHARING/AWAITING_AUTHORISATION", 1L, Long::sum);
        assertEquals(expected, countsAfter);
        long totalBefore = countsBefore.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(totalBefore + 3, ((Number) json(get(viewer, "/counts")).get("total")).longValue());
    }

    /** GET /counts as "TYPE/STATUS" → count, after checking that its total is the sum of its rows. */
    private Map<String, Long> countsByTypeAndStatus(String token) {
        HttpResponse<String> response = get(token, "/counts");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> counts = json(response);
        Map<String, Long> out = new HashMap<>();
        for (Object item : (List<?>) counts.get("counts")) {
            Map<?, ?> row = (Map<?, ?>) item;
            Long previous = out.put(row.get("type") + "/" + row.get("status"), ((Number) row.get("count")).longValue());
            assertNull(previous, "one row per type and status: " + counts);
        }
        assertEquals(out.values().stream().mapToLong(Long::longValue).sum(), ((Number) counts.get("total")).longValue(),
                "total is the sum of the rows");
        return out;
    }

    @Test
    void pagingEdges() {
        for (int i = 0; i < 5; i++) {
            consent("39053344705", null, "DATA_SHARING", partnerId, mariaId, false);
        }
        String viewer = staff("view-consents");
        String q = "?cpf=39053344705";

        Map<String, Object> first = json(get(viewer, q + "&page=1&page-size=2&order=createdAt"));
        Map<?, ?> meta = (Map<?, ?>) first.get("meta");
        assertEquals(5, ((Number) meta.get("totalRecords")).intValue());
        assertEquals(3, ((Number) meta.get("totalPages")).intValue());
        Set<String> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            HttpResponse<String> response = get(viewer, q + "&page=" + page + "&page-size=2&order=createdAt");
            Set<String> onPage = ids(response);
            assertEquals(((List<?>) json(response).get("data")).size(), onPage.size(), "no consent twice on one page");
            sizes.add(onPage.size());
            seen.addAll(onPage);
            Map<?, ?> pageMeta = (Map<?, ?>) json(response).get("meta");
            assertEquals(5, ((Number) pageMeta.get("totalRecords")).intValue(), "page " + page);
            assertEquals(3, ((Number) pageMeta.get("totalPages")).intValue(), "page " + page);
        }
        assertEquals(List.of(2, 2, 1), sizes, "page sizes");
        assertEquals(5, seen.size(), "pages cover every match exactly once");
        assertEquals(5, ids(get(viewer, q + "&page=1&page-size=200")).size(), "one big page holds all");
        assertEquals(Set.of(), ids(get(viewer, q + "&page=4&page-size=2")), "past the end: empty page");
        assertEquals(Set.of(), ids(get(viewer, q + "&page=1000000&page-size=200")), "huge page: empty, not an error");

        for (String bad : List.of("page=0", "page=-1", "page=abc", "page=1.5", "page=99999999999", "page-size=0",
                "page-size=-5", "page-size=201", "page-size=ten", "type=FOO", "status=bar", "created-from=yesterday",
                "expires-before=2026-13-01", "cpf=123", "cnpj=abc", "order=random")) {
            HttpResponse<String> response = get(viewer, "?" + bad);
            assertEquals(400, response.statusCode(), bad + " → " + response.body());
            assertEquals("invalid_request", json(response).get("error"), bad);
        }
    }

    @Test
    void totalsAreExactUpToTheCapAndALowerBoundBeyondUnlessAnExactTotalIsAsked() {
        ClientRepresentation big = new ClientRepresentation();
        big.setClientId("big-partner-" + UUID.randomUUID().toString().substring(0, 6));
        realm.admin().clients().create(big).close();
        String bigId = realm.admin().clients().findByClientId(big.getClientId()).get(0).getId();
        String viewer = staff("view-consents");
        String q = "?client=" + big.getClientId() + "&status=AWAITING_AUTHORISATION";

        Map<String, Object> body = new HashMap<>();
        body.put("clientId", bigId);
        body.put("permissions", List.of("ACCOUNTS_READ", "RESOURCES_READ"));
        body.put("expiresInSeconds", 86400);
        body.put("cpf", CPF_B);
        body.put("copies", 1000);
        assertEquals(1000, ((Number) store.create(body).get("created")).intValue());

        Map<?, ?> atTheCap = (Map<?, ?>) json(get(viewer, q)).get("meta");
        assertEquals(1000, ((Number) atTheCap.get("totalRecords")).intValue());
        assertEquals(true, atTheCap.get("totalRecordsExact"), "1000 matches: still exact");
        assertEquals(40, ((Number) atTheCap.get("totalPages")).intValue());

        body.put("copies", 5);
        store.create(body);
        Map<?, ?> beyond = (Map<?, ?>) json(get(viewer, q)).get("meta");
        assertEquals(1001, ((Number) beyond.get("totalRecords")).intValue(), "at least 1001");
        assertEquals(false, beyond.get("totalRecordsExact"));
        assertEquals(25, ((List<?>) json(get(viewer, q)).get("data")).size());

        Map<?, ?> exact = (Map<?, ?>) json(get(viewer, q + "&exact-total=true")).get("meta");
        assertEquals(1005, ((Number) exact.get("totalRecords")).intValue());
        assertEquals(true, exact.get("totalRecordsExact"));
        assertEquals(41, ((Number) exact.get("totalPages")).intValue());

        // A page beyond the cap still counts exactly what it needs: the last page holds the last 5.
        HttpResponse<String> lastPage = get(viewer, q + "&page=41&page-size=25");
        assertEquals(5, ids(lastPage).size());
        Map<?, ?> lastMeta = (Map<?, ?>) json(lastPage).get("meta");
        assertEquals(1005, ((Number) lastMeta.get("totalRecords")).intValue());
        assertEquals(true, lastMeta.get("totalRecordsExact"));
        assertEquals(Set.of(), ids(get(viewer, q + "&page=42&page-size=25")), "past the end: empty page");

        for (String bad : List.of("exact-total=yes", "exact-total=1", "exact-total=TRUEE")) {
            HttpResponse<String> response = get(viewer, q + "&" + bad);
            assertEquals(400, response.statusCode(), bad + " → " + response.body());
            assertEquals("invalid_request", json(response).get("error"), bad);
        }
    }

    @Test
    void anAdminOfAnotherRealmCannotReachTheseConsents() {
        String otherRealm = "kcc-other-" + UUID.randomUUID().toString().substring(0, 6);
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(otherRealm);
        rep.setEnabled(true);
        admin.realms().create(rep);
        try {
            var other = admin.realm(otherRealm);
            UserRepresentation u = new UserRepresentation();
            u.setUsername("boss");
            u.setEnabled(true);
            u.setEmail("boss@other.example");
            u.setEmailVerified(true);
            u.setFirstName("Boss");
            u.setLastName("Other");
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType("password");
            password.setValue("boss-pass");
            password.setTemporary(false);
            u.setCredentials(List.of(password));
            other.users().create(u).close();
            String bossId = other.users().search("boss", true).get(0).getId();
            String mgmt = other.clients().findByClientId("realm-management").get(0).getId();
            other.users().get(bossId).roles().clientLevel(mgmt).add(List.of(
                    other.clients().get(mgmt).roles().get("realm-admin").toRepresentation()));
            String token = StaffTokens.token(realm.getBaseUrl().replace("/realms/" + DemoRealm.NAME, "/realms/" + otherRealm), "boss", "boss-pass");

            // Full admin of its own realm (realm-admin includes manage-consents there)…
            HttpResponse<String> own = Http.get(realm.getBaseUrl().replace("/realms/" + DemoRealm.NAME, "/admin/realms/" + otherRealm)
                    + "/consents", "Authorization", "Bearer " + token);
            assertEquals(200, own.statusCode(), own.body());
            // …but nothing of this realm.
            assertEquals(403, get(token, "").statusCode());
        } finally {
            admin.realm(otherRealm).remove();
        }
    }
}
