package io.github.kcconsent.it.backoffice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.PaymentConsents;
import io.github.kcconsent.it.support.ServerLogVerdict;
import io.github.kcconsent.it.support.StaffTokens;
import io.github.kcconsent.it.support.StoreDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * The bank's payment system consumes payment consents through the back office
 * ({@code POST /admin/realms/{realm}/consents/{id}/consume}, role {@code consume-payment-consents}): what it gets
 * back, that a race has one winner, and that every refusal changes nothing. Also the back office's search by
 * type and its detail of a payment consent.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class PaymentConsumptionIT {

    static final String CONSUME = "consume-payment-consents";
    static final String WINDOW = "kcconsent.consumptionWindow.PAYMENT";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    StoreDriver store;
    PaymentConsents payments;
    String api;
    String partnerId;
    String mariaId;

    @BeforeEach
    void setUp() {
        store = new StoreDriver(realm.getBaseUrl());
        api = realm.getBaseUrl().replace("/realms/", "/admin/realms/") + "/consents";
        partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        mariaId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
        payments = new PaymentConsents(store, partnerId);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private HttpResponse<String> consume(String token, String id, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(api + "/" + StoreDriver.encode(id) + "/consume"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> get(String token, String pathAndQuery) {
        return Http.get(api + pathAndQuery, "Authorization", "Bearer " + token);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JsonSerialization.readValue(response.body(), Map.class);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body());
        }
    }

    /**
     * A payment system's token, and the id of the user it belongs to (the one new "staff-" user: tokens of the
     * realm's admin-cli need not carry {@code sub}).
     */
    private String[] paymentSystemWithItsUserId() {
        Set<String> before = staffIds();
        String token = StaffTokens.withRoles(realm, CONSUME);
        Set<String> created = staffIds();
        created.removeAll(before);
        assertEquals(1, created.size(), created.toString());
        return new String[] {token, created.iterator().next()};
    }

    private Set<String> staffIds() {
        Set<String> ids = new HashSet<>();
        realm.admin().users().search("staff-", 0, 10_000).forEach(u -> ids.add(u.getId()));
        return ids;
    }

    private List<Object> history(String id) {
        return store.get("/consents/" + StoreDriver.encode(id) + "/history").list();
    }

    private String dataSharing(boolean authorise) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", partnerId);
        body.put("permissions", List.of("ACCOUNTS_READ", "RESOURCES_READ"));
        body.put("expiresInSeconds", 86400);
        body.put("cpf", DemoRealm.USER_CPF);
        String id = (String) store.create(body).get("id");
        if (authorise) {
            assertEquals(200, store.post("/consents/" + StoreDriver.encode(id) + "/authorise",
                    Map.of("userId", mariaId, "resources", List.of())).status());
        }
        return id;
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error, String what) {
        assertEquals(status, response.statusCode(), what + " → " + response.body());
        assertEquals(error, json(response).get("error"), what + " → " + response.body());
    }

    // ---- consumption ---------------------------------------------------------------------------------

    @Test
    void thePaymentSystemConsumesAnAuthorisedPaymentConsentAndGetsWhatThePaymentMustMatch() {
        String id = payments.authorised(mariaId);
        String[] caller = paymentSystemWithItsUserId();
        String paymentSystem = caller[0];

        HttpResponse<String> consumed = consume(paymentSystem, id, "");

        assertEquals(200, consumed.statusCode(), consumed.body());
        Map<String, Object> body = json(consumed);
        assertEquals(id, body.get("consentId"));
        assertEquals("CONSUMED", body.get("status"));
        assertEquals(DemoRealm.PARTNER_CLIENT_ID, body.get("clientId"));
        assertEquals(DemoRealm.USER_CPF, body.get("loggedUserDocument"));
        Map<?, ?> payment = (Map<?, ?>) body.get("payment");
        assertEquals(Map.of("personType", "PESSOA_JURIDICA", "cpfCnpj", PaymentConsents.CREDITOR_CNPJ,
                "name", PaymentConsents.CREDITOR_NAME), payment.get("creditor"));
        assertEquals(PaymentConsents.AMOUNT, payment.get("amount"));
        assertEquals("BRL", payment.get("currency"));
        assertEquals("PIX", payment.get("type"));
        assertTrue(PaymentConsents.details().contains("\"date\":\"" + payment.get("date") + "\""), body.toString());
        assertFalse(payment.containsKey("schedule"));
        assertEquals("DICT", payment.get("localInstrument"));
        assertEquals("12345678901", payment.get("proxy"));
        assertEquals(PaymentConsents.CREDITOR_ACCOUNT, payment.get("creditorAccount"));
        assertEquals(PaymentConsents.DEBTOR_ACCOUNT, payment.get("debtorAccount"), "the account the customer chose");

        assertEquals("CONSUMED", store.consent(id).get("status"));
        List<Object> history = history(id);
        assertEquals(3, history.size(), history.toString());
        Map<?, ?> last = (Map<?, ?>) history.get(2);
        assertEquals("AUTHORISED", last.get("from"));
        assertEquals("CONSUMED", last.get("to"));
        assertEquals("admin:" + caller[1], last.get("actor"));
        assertEquals("BACK_OFFICE", last.get("channel"));

        // Once only.
        HttpResponse<String> again = consume(paymentSystem, id, "");
        assertRefused(again, 409, "invalid_status", "a second consumption");
        assertTrue(json(again).get("error_description").toString().contains("already consumed"), again.body());
        assertEquals(3, history(id).size());
    }

    @Test
    void aPaymentSystemsServiceAccountWithTheRoleAloneConsumesAndIsRecordedAsTheActor() {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("payment-system-" + UUID.randomUUID().toString().substring(0, 8));
        client.setSecret("payment-system-secret");
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        String clientUuid;
        try (var created = realm.admin().clients().create(client)) {
            assertEquals(201, created.getStatus());
            clientUuid = CreatedResponseUtil.getCreatedId(created);
        }
        realm.cleanup().add(r -> r.clients().get(clientUuid).remove());
        String serviceAccountId = realm.admin().clients().get(clientUuid).getServiceAccountUser().getId();
        String mgmt = realm.admin().clients().findByClientId("realm-management").get(0).getId();
        realm.admin().users().get(serviceAccountId).roles().clientLevel(mgmt)
                .add(List.of(realm.admin().clients().get(mgmt).roles().get(CONSUME).toRepresentation()));
        HttpResponse<String> tokenResponse = Http.send(HttpRequest.newBuilder(
                        URI.create(realm.getBaseUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + client.getClientId() + "&client_secret=payment-system-secret")).build());
        assertEquals(200, tokenResponse.statusCode(), tokenResponse.body());
        String token = (String) json(tokenResponse).get("access_token");
        String id = payments.authorised(mariaId);

        HttpResponse<String> consumed = consume(token, id, "");

        assertEquals(200, consumed.statusCode(), consumed.body());
        List<Object> history = history(id);
        assertEquals("admin:" + serviceAccountId, ((Map<?, ?>) history.get(history.size() - 1)).get("actor"));
    }

    @Test
    void aPaymentWhoseValuesMatchTheConsentConsumesItAndOneThatDiffersIsRefusedWithoutConsuming() throws Exception {
        String id = payments.authorised(mariaId);
        String paymentSystem = StaffTokens.withRoles(realm, CONSUME);
        String debtor = JsonSerialization.writeValueAsString(PaymentConsents.DEBTOR_ACCOUNT);
        String before = store.snapshot(id);

        for (String differs : List.of("{\"amount\":\"1234.57\"}", "{\"creditorCpfCnpj\":\"11222333000181\"}",
                "{\"debtorAccount\":" + debtor.replace("9876543210", "9876543211") + "}")) {
            HttpResponse<String> refused = consume(paymentSystem, id, differs);
            assertRefused(refused, 422, "payment_mismatch", differs);
            assertFalse(refused.body().contains("1234.57") || refused.body().contains("11222333000181")
                    || refused.body().contains("9876543211"), "names the member, never the value: " + refused.body());
        }
        for (String malformed : List.of("not json", "[]", "{\"amount\":1234.56}", "{\"ammount\":\"1234.56\"}",
                "{\"debtorAccount\":{\"number\":\"1\"}}")) {
            assertRefused(consume(paymentSystem, id, malformed), 400, "invalid_request", malformed);
        }
        assertEquals(before, store.snapshot(id), "no refusal changed anything");

        HttpResponse<String> matching = consume(paymentSystem, id, "{\"amount\":\"" + PaymentConsents.AMOUNT
                + "\",\"creditorCpfCnpj\":\"" + PaymentConsents.CREDITOR_CNPJ + "\",\"debtorAccount\":" + debtor + "}");
        assertEquals(200, matching.statusCode(), matching.body());
        assertEquals("CONSUMED", store.consent(id).get("status"));
    }

    @Test
    void twoRacingConsumptionsHaveExactlyOneWinnerEveryRound() throws Exception {
        String paymentSystem = StaffTokens.withRoles(realm, CONSUME);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ServerLogVerdict.Watch hibernate = ServerLogVerdict.watch("HHH90010101")) {
            for (int round = 0; round < 8; round++) {
                String id = payments.authorised(mariaId);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    calls.add(pool.submit(() -> {
                        start.await();
                        return consume(paymentSystem, id, "");
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                Set<String> loserErrors = new HashSet<>();
                for (Future<HttpResponse<String>> call : calls) {
                    HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
                    statuses.add(response.statusCode());
                    if (response.statusCode() != 200) {
                        loserErrors.add((String) json(response).get("error"));
                    }
                }
                assertEquals(List.of(200, 409), statuses.stream().sorted().toList(), "round " + round);
                assertTrue(Set.of("concurrent_update", "invalid_status").containsAll(loserErrors), loserErrors.toString());
                assertEquals("CONSUMED", store.consent(id).get("status"));
                long consumptions = history(id).stream().filter(h -> "CONSUMED".equals(((Map<?, ?>) h).get("to"))).count();
                assertEquals(1, consumptions, "one history entry, round " + round);
            }
            assertEquals(List.of(), hibernate.lines(), "the loser fails before writing: no Hibernate warning");
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- refusals ------------------------------------------------------------------------------------

    @Test
    void onlyTheConsumeRoleMayConsumeAndNoOtherBackOfficeRoleImpliesIt() {
        String id = payments.authorised(mariaId);
        String before = store.snapshot(id);

        assertEquals(401, Http.send(HttpRequest.newBuilder(URI.create(api + "/" + StoreDriver.encode(id) + "/consume"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("")).build())
                .statusCode(), "no token");
        assertEquals(403, consume(StaffTokens.withRoles(realm), id, "").statusCode(), "no role");
        for (String role : List.of("view-consents", "manage-consents", "realm-admin")) {
            assertEquals(403, consume(StaffTokens.withRoles(realm, role), id, "").statusCode(), role);
        }
        assertEquals(before, store.snapshot(id), "nothing changed");

        // The payment system's role is for consuming only: no search, no detail, no revocation.
        String paymentSystem = StaffTokens.withRoles(realm, CONSUME);
        assertEquals(403, get(paymentSystem, "").statusCode());
        assertEquals(403, get(paymentSystem, "/" + StoreDriver.encode(id)).statusCode());
        assertEquals(403, Http.send(HttpRequest.newBuilder(URI.create(api + "/" + StoreDriver.encode(id) + "/revoke"))
                .header("Authorization", "Bearer " + paymentSystem).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()).statusCode());
        assertEquals(before, store.snapshot(id));
    }

    @Test
    void anUnknownOrMalformedIdIsRefusedBeforeAnythingIsRead() {
        String paymentSystem = StaffTokens.withRoles(realm, CONSUME);

        assertRefused(consume(paymentSystem, "urn:consent-demo:no-such-consent", ""), 404, "not_found", "unknown");
        for (String malformed : List.of("not-a-urn", "urn:consent-demo:", "urn:x:" + "a".repeat(260), "urn:bad_nid:1")) {
            assertRefused(consume(paymentSystem, malformed, ""), 400, "invalid_request", malformed);
        }
    }

    @Test
    void aPaymentConsentIsRefusedWhenItIsAwaitingRejectedConsumedOrWithoutDebtorAccountAndSoIsADataSharingOne() {
        String paymentSystem = StaffTokens.withRoles(realm, CONSUME);
        String awaiting = payments.awaiting(mariaId);
        String rejected = payments.authorised(mariaId);
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(rejected) + "/reject",
                Map.of("rejectedBy", "USER", "reason", "REJEITADO_USUARIO")).status());
        String consumed = payments.authorised(mariaId);
        assertEquals(200, consume(paymentSystem, consumed, "").statusCode());
        String noDebtor = payments.awaiting(mariaId);
        payments.authorise(noDebtor, mariaId, false);
        String sharing = dataSharing(true);

        Map<String, String> expected = Map.of(
                awaiting, "AWAITING_AUTHORISATION",
                rejected, "REJECTED (REJEITADO_USUARIO)",
                consumed, "already consumed",
                noDebtor, "no debtor account",
                sharing, "only payment consents are consumed");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String before = store.snapshot(e.getKey());
            HttpResponse<String> refused = consume(paymentSystem, e.getKey(), "");
            assertRefused(refused, 409, "invalid_status", e.getValue());
            assertTrue(json(refused).get("error_description").toString().contains(e.getValue()), refused.body());
            assertEquals(before, store.snapshot(e.getKey()), "nothing changed: " + e.getValue());
        }
    }

    @Test
    void aPaymentConsentPastItsConsumptionWindowIsRefusedAndExpiresInsteadOfBeingConsumed() throws Exception {
        String paymentSystem = StaffTokens.withRoles(realm, CONSUME);
        String id = payments.awaiting(mariaId);
        RealmRepresentation rep = realm.admin().toRepresentation();
        String window = rep.getAttributesOrEmpty().get(WINDOW);
        Map<String, String> attributes = new HashMap<>(rep.getAttributesOrEmpty());
        attributes.put(WINDOW, "2");
        rep.setAttributes(attributes);
        realm.admin().update(rep);
        try {
            payments.authorise(id, mariaId, true);
        } finally {
            Map<String, String> restored = new HashMap<>(realm.admin().toRepresentation().getAttributesOrEmpty());
            if (window == null) {
                restored.remove(WINDOW);
            } else {
                restored.put(WINDOW, window);
            }
            RealmRepresentation back = realm.admin().toRepresentation();
            back.setAttributes(restored);
            realm.admin().update(back);
        }
        Instant expiresAt = Instant.parse((String) store.consent(id).get("expiresAt"));
        while (!Instant.now().isAfter(expiresAt.plusMillis(200))) {
            Thread.sleep(100);
        }

        HttpResponse<String> refused = consume(paymentSystem, id, "");

        assertRefused(refused, 409, "invalid_status", "expired");
        assertTrue(json(refused).get("error_description").toString().contains("TEMPO_EXPIRADO_CONSUMO"), refused.body());
        // The sweeper ends it with the expiry reason; it is never consumed.
        Eventually.await("the sweeper to expire " + id, () -> "REJECTED".equals(store.consent(id).get("status")));
        assertEquals("TEMPO_EXPIRADO_CONSUMO", store.consent(id).get("rejectionReason"));
        assertTrue(history(id).stream().noneMatch(h -> "CONSUMED".equals(((Map<?, ?>) h).get("to"))), history(id).toString());
    }

    /**
     * An immediate payment is for its own day in Brasília, and that day can end inside the consumption window.
     * The server's clock is moved (Keycloak's time offset, through the testing resource) to 23:58 yesterday to
     * create and authorise two consents for yesterday's payment; one is consumed at 23:59:30, the other is
     * refused at 00:00:30, still AUTHORISED and well inside its 60 minutes.
     */
    @Test
    void anImmediatePaymentIsConsumedUntilMidnightInBrasiliaAndRefusedAfterItWithoutChangingTheConsent() {
        ZonedDateTime now = ZonedDateTime.now(PaymentConsents.BRASILIA);
        int toMidnight = (int) Duration.between(now, now.toLocalDate().atStartOfDay(PaymentConsents.BRASILIA)).toSeconds();
        LocalDate yesterday = now.toLocalDate().minusDays(1);
        // The admin API is used on the real clock only: an admin token the test framework fetched on the moved
        // clock would already be expired for the server once the clock is back.
        String paymentSystem = StaffTokens.withRoles(realm, CONSUME);
        try {
            store.moveServerClock(toMidnight - 120);
            String beforeMidnight = payments.authorised(mariaId, yesterday);
            String afterMidnight = payments.authorised(mariaId, yesterday);

            store.moveServerClock(toMidnight - 30);
            HttpResponse<String> consumed = consume(paymentSystem, beforeMidnight, "");
            assertEquals(200, consumed.statusCode(), consumed.body());
            assertEquals(yesterday.toString(), ((Map<?, ?>) json(consumed).get("payment")).get("date"));

            store.moveServerClock(toMidnight + 30);
            String unchanged = store.snapshot(afterMidnight);
            HttpResponse<String> refused = consume(paymentSystem, afterMidnight, "");

            assertRefused(refused, 409, "payment_date_passed", "consumed after its day");
            assertEquals("the consent is for an immediate payment on " + yesterday + ", and that day has ended in"
                            + " Brasília time (it is now " + yesterday.plusDays(1) + "): it cannot be consumed",
                    json(refused).get("error_description"));
            assertEquals(unchanged, store.snapshot(afterMidnight), "the refusal changes nothing");
            assertTrue(unchanged.startsWith("AUTHORISED "), unchanged);
        } finally {
            store.moveServerClock(0);
        }
    }

    // ---- the back office shows payment consents ------------------------------------------------------

    @Test
    void theBackOfficeListsPaymentConsentsByTypeAndShowsTheirPayment() throws Exception {
        Instant before = Instant.now();
        Thread.sleep(20);
        String payment = payments.authorised(mariaId);
        String sharing = dataSharing(false);
        String viewer = StaffTokens.withRoles(realm, "view-consents");

        HttpResponse<String> list = get(viewer, "?type=PAYMENT&created-from=" + before);
        assertEquals(200, list.statusCode(), list.body());
        List<?> rows = (List<?>) json(list).get("data");
        assertEquals(List.of(payment), rows.stream().map(r -> ((Map<?, ?>) r).get("consentId")).toList());
        Map<?, ?> summary = (Map<?, ?>) ((Map<?, ?>) rows.get(0)).get("paymentSummary");
        assertEquals(PaymentConsents.AMOUNT, summary.get("amount"));
        assertEquals(PaymentConsents.CREDITOR_NAME, summary.get("creditorName"));
        assertEquals(1, ((Number) summary.get("paymentCount")).intValue());
        assertFalse(list.body().contains(PaymentConsents.CREDITOR_CNPJ), "no creditor document in a list");
        List<?> sharingRows = (List<?>) json(get(viewer, "?type=data_sharing&created-from=" + before)).get("data");
        assertEquals(List.of(sharing), sharingRows.stream().map(r -> ((Map<?, ?>) r).get("consentId")).toList());
        for (String bad : List.of("type=PAYMENTS", "type=PAYMENT,PIX")) {
            assertRefused(get(viewer, "?" + bad), 400, "invalid_request", bad);
        }

        HttpResponse<String> detail = get(viewer, "/" + StoreDriver.encode(payment));
        assertEquals(200, detail.statusCode(), detail.body());
        Map<?, ?> shown = (Map<?, ?>) json(detail).get("payment");
        assertEquals(PaymentConsents.CREDITOR_CNPJ, ((Map<?, ?>) shown.get("creditor")).get("cpfCnpj"));
        assertEquals(PaymentConsents.AMOUNT, shown.get("amount"));
        assertEquals(PaymentConsents.DEBTOR_ACCOUNT, shown.get("debtorAccount"));
        assertFalse(json(detail).containsKey("paymentDetails"), "typed, not the stored text");
    }
}
