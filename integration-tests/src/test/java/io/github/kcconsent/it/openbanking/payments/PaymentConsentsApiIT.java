package io.github.kcconsent.it.openbanking.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.openbanking.PaymentTpp;
import io.github.kcconsent.it.support.openbanking.PaymentTpp.Reply;
import io.github.kcconsent.it.support.openbanking.PaymentsContract;
import io.github.kcconsent.it.support.openbanking.TppClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The Payments API 4.0.0 consents under /realms/{realm}/open-banking/payments/v4, called as a payment initiator
 * calls them: a client-credentials token with the {@code payments} scope and request bodies signed with the
 * partner's registered key ({@link PaymentTpp}). Every answer is checked by {@link PaymentsContract} before any
 * assertion here: signed answers are verified with the realm's JWKS and their claims checked, then every body is
 * validated against the official OpenAPI. Refusals are shown to write nothing (row counts of our tables).
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class PaymentConsentsApiIT {

    static final String CPF = DemoRealm.USER_CPF;
    static final String CREDITOR_CNPJ = "58764789000137";
    static final String CREDITOR_NAME = "Padaria Sao Joao Ltda.";
    static final String PROXY = "padaria@example.com";
    static final String CREDITOR_ACCOUNT = "98765432109";
    static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");
    static final String AUTHORISATION_WINDOW = "kcconsent.authorisationWindow.PAYMENT";
    static final String CONSUMPTION_WINDOW = "kcconsent.consumptionWindow.PAYMENT";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    PaymentTpp tpp;
    StoreDriver store;
    String token;
    String partnerId;

    @BeforeEach
    void setUp() {
        tpp = new PaymentTpp(realm.getBaseUrl());
        store = new StoreDriver(realm.getBaseUrl());
        token = new TppClient(realm.getBaseUrl()).privateKeyJwtToken(DemoRealm.PARTNER_CLIENT_ID, PartnerLinks.DEMO_KEY,
                "payments");
        partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    static LocalDate today() {
        return LocalDate.now(BRASILIA);
    }

    /** A valid immediate Pix to a company's Pix key (DICT), for today in Brasília. */
    static ObjectNode data() {
        return PaymentTpp.tree("""
                {"loggedUser":{"document":{"identification":"%s","rel":"CPF"}},
                 "creditor":{"personType":"PESSOA_JURIDICA","cpfCnpj":"%s","name":"%s"},
                 "payment":{"type":"PIX","date":"%s","currency":"BRL","amount":"100.12","ibgeTownCode":"5300108",
                   "details":{"localInstrument":"DICT","proxy":"%s",
                     "creditorAccount":{"ispb":"12345678","issuer":"1774","number":"%s","accountType":"CACC"}}}}
                """.formatted(CPF, CREDITOR_CNPJ, CREDITOR_NAME, today(), PROXY, CREDITOR_ACCOUNT));
    }

    static ObjectNode with(Consumer<ObjectNode> edit) {
        ObjectNode data = data();
        edit.accept(data);
        return data;
    }

    static ObjectNode payment(ObjectNode data) {
        return (ObjectNode) data.get("payment");
    }

    static ObjectNode details(ObjectNode data) {
        return (ObjectNode) data.get("payment").get("details");
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    Reply created(JsonNode data, String key) {
        Reply reply = tpp.create(token, data, key);
        assertEquals(201, reply.status(), reply.body());
        assertTrue(reply.signed());
        return reply;
    }

    Map<String, Object> rowCounts() {
        return store.get("/row-counts").map();
    }

    static void assertError(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(code, reply.errorCode(), reply.body());
        assertEquals(status == 422, reply.signed(), "among refusals only 422s are signed");
    }

    void setRealmAttribute(String name, String value) {
        RealmRepresentation rep = realm.admin().toRepresentation();
        Map<String, String> attributes = new HashMap<>(rep.getAttributesOrEmpty());
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        rep.setAttributes(attributes);
        realm.admin().update(rep);
    }

    /** A confidential client with the payments scope and a service account; {@code organisationId} may be null. */
    String[] otherPartner(String organisationId) {
        String clientId = "other-itp-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "other-itp-secret-" + UUID.randomUUID();
        ClientRepresentation c = new ClientRepresentation();
        c.setClientId(clientId);
        c.setSecret(secret);
        c.setPublicClient(false);
        c.setClientAuthenticatorType("client-secret");
        c.setServiceAccountsEnabled(true);
        c.setStandardFlowEnabled(false);
        if (organisationId != null) {
            c.setAttributes(Map.of("kcconsent.organisationId", organisationId));
        }
        realm.admin().clients().create(c).close();
        String id = realm.admin().clients().findByClientId(clientId).get(0).getId();
        String scopeId = realm.admin().clientScopes().findAll().stream()
                .filter(s -> "payments".equals(s.getName())).map(ClientScopeRepresentation::getId).findFirst().orElseThrow();
        realm.admin().clients().get(id).addOptionalClientScope(scopeId);
        return new String[] {clientId, secret, id};
    }

    static Instant instant(JsonNode text) {
        return Instant.parse(text.asText());
    }

    // ---- create and read -----------------------------------------------------------------------------

    @Test
    void aSignedRequestCreatesAnAwaitingPaymentConsentThatGetReturnsAlike() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode sent = data();
        Reply created = created(sent, key());

        JsonNode data = created.data();
        String id = data.path("consentId").asText();
        assertTrue(id.matches("urn:consent-demo:[0-9a-f-]{36}"), id);
        assertEquals("AWAITING_AUTHORISATION", data.path("status").asText());
        Instant creation = instant(data.path("creationDateTime"));
        assertFalse(creation.isBefore(before));
        assertFalse(creation.isAfter(Instant.now()));
        assertEquals(creation.plusSeconds(300), instant(data.path("expirationDateTime")), "creation + 5 minutes");
        assertEquals(creation, instant(data.path("statusUpdateDateTime")));
        assertEquals(sent.get("loggedUser"), data.get("loggedUser"));
        assertEquals(sent.get("creditor"), data.get("creditor"));
        assertEquals(sent.get("payment"), data.get("payment"));
        assertFalse(data.has("debtorAccount"), "none was sent, none was chosen yet");
        assertFalse(data.has("rejectionReason"));

        // What the store holds: a PAYMENT consent of the API for this partner, with the request's data.
        Map<String, Object> stored = store.consent(id);
        assertEquals("PAYMENT", stored.get("type"));
        assertEquals("OPEN_FINANCE_API", stored.get("origin"));
        assertEquals(partnerId, stored.get("clientId"));
        assertEquals(List.of("PAYMENTS_INITIATE"), stored.get("permissions"));
        assertEquals(CPF, stored.get("cpf"));
        assertEquals(sent, PaymentTpp.tree((String) stored.get("paymentDetails")));

        Reply read = tpp.get(token, id);
        assertEquals(200, read.status(), read.body());
        assertTrue(read.signed());
        assertEquals(data, read.data(), "GET answers what POST answered");
    }

    @Test
    void theStoredRowAndIdempotencyRecordHoldNoPersonalDataOrKeyInClear() {
        String key = "itp-" + UUID.randomUUID(); // 40 characters, the most a key may have
        String id = created(data(), key).consentId();

        Map<String, String> row = store.get("/raw-named?table=KCC_CONSENT").list().stream()
                .map(r -> {
                    @SuppressWarnings("unchecked")
                    Map<String, String> m = (Map<String, String>) r;
                    return m;
                })
                .filter(r -> id.equals(r.get("ID"))).findFirst().orElseThrow();
        assertTrue(String.valueOf(row.get("PAYMENT_ENC")).startsWith("v1."), "the payment details are stored, encrypted");
        assertTrue(String.valueOf(row.get("CPF_ENC")).startsWith("v1."), "so is the CPF");
        for (Map.Entry<String, String> cell : row.entrySet()) {
            String value = String.valueOf(cell.getValue());
            for (String secret : List.of(CPF, CREDITOR_CNPJ, CREDITOR_NAME, "Padaria", PROXY, CREDITOR_ACCOUNT)) {
                assertFalse(value.contains(secret), cell.getKey() + " holds personal data in clear");
            }
        }
        List<Object> keys = store.get("/raw-named?table=KCC_PAYMENT_IDEMPOTENCY").list();
        assertTrue(keys.stream().anyMatch(r -> id.equals(((Map<?, ?>) r).get("CONSENT_ID"))), keys.toString());
        assertFalse(keys.toString().contains(key), "the idempotency key is kept as its hash only");
    }

    // ---- signed messages -----------------------------------------------------------------------------

    @Test
    void aBodyThatIsNotAPs256SignatureOfTheRegisteredKeyIsABadSignatureAndCreatesNothing() throws Exception {
        RSAKey unregistered = new RSAKeyGenerator(2048).keyID("unregistered").generate();
        String registeredKid = PartnerLinks.DEMO_KEY.getKeyID();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("alg none", tpp.message(data()).unsigned().sign());
        bodies.put("RS256", tpp.message(data()).algorithm(JWSAlgorithm.RS256).sign());
        bodies.put("HS256", tpp.message(data()).hmac("a-client-secret-long-enough-for-hs256-0123456789").sign());
        bodies.put("a key not registered, under the registered kid",
                tpp.message(data()).key(unregistered, registeredKid).sign());
        bodies.put("a key not registered, under its own kid", tpp.message(data()).key(unregistered, "unregistered").sign());
        bodies.put("tampered payload", tpp.message(data()).tampered().sign());
        bodies.put("jwk header", tpp.message(data()).header("jwk", unregistered.toPublicJWK().toJSONObject()).sign());
        bodies.put("jku header", tpp.message(data()).header("jku", "https://itp.example.com/jwks").sign());
        bodies.put("plain JSON", "{\"data\":" + data() + "}");
        bodies.put("empty", "");

        Map<String, Object> before = rowCounts();
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            Reply reply = tpp.post(token, body.getValue(), key());
            assertEquals(400, reply.status(), body.getKey() + ": " + reply.body());
            assertEquals("BAD_SIGNATURE", reply.errorCode(), body.getKey());
            assertFalse(reply.signed(), "a signature refusal is plain JSON");
            assertFalse(reply.body().contains(CPF), "errors never echo the request");
        }
        Reply json = tpp.post(token, "{\"data\":" + data() + "}", key(), "Content-Type", "application/json");
        assertError(json, 415, "TIPO_NAO_SUPORTADO");
        assertEquals(before, rowCounts(), "no consent, history or idempotency record was written");
    }

    @Test
    void aSignedMessageForAnotherAudienceIssuerOrTimeIsRefusedAndCreatesNothing() {
        Instant now = Instant.now();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("aud of another API", tpp.message(data())
                .audience(tpp.realmUrl() + "/open-banking/consents/v3/consents").sign());
        bodies.put("aud of the consent's address", tpp.message(data()).audience(tpp.consentUrl("urn:consent-demo:x")).sign());
        bodies.put("iss of another organisation", tpp.message(data()).issuer(UUID.randomUUID().toString()).sign());
        bodies.put("iss the client id", tpp.message(data()).issuer(DemoRealm.PARTNER_CLIENT_ID).sign());
        bodies.put("iat 2 minutes old", tpp.message(data()).issuedAt(now.minusSeconds(120)).sign());
        bodies.put("iat 2 minutes ahead", tpp.message(data()).issuedAt(now.plusSeconds(120)).sign());
        bodies.put("jti not a UUID", tpp.message(data()).jti("not-a-uuid").sign());

        Map<String, Object> before = rowCounts();
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            Reply reply = tpp.post(token, body.getValue(), key());
            assertEquals(403, reply.status(), body.getKey() + ": " + reply.body());
            assertEquals("INVALID_CLIENT", reply.errorCode(), body.getKey());
            assertFalse(reply.signed());
        }
        Reply noData = tpp.post(token, tpp.message(data()).claims(c -> c.remove("data")).sign(), key());
        assertError(noData, 422, "PARAMETRO_NAO_INFORMADO");
        assertEquals(before, rowCounts(), "nothing was written");
    }

    @Test
    void aMessageIdIsUsedOnceEvenWithAnotherIdempotencyKey() {
        PaymentTpp.Message message = tpp.message(data());
        String body = message.sign();
        assertEquals(201, tpp.post(token, body, key()).status(), "its first use");
        Map<String, Object> before = rowCounts();

        assertError(tpp.post(token, body, key()), 403, "INVALID_CLIENT");
        String resignedSameJti = tpp.message(with(d -> payment(d).put("amount", "7.00"))).jti(message.jti()).sign();
        assertError(tpp.post(token, resignedSameJti, key()), 403, "INVALID_CLIENT");
        assertEquals(before, rowCounts(), "the replays created nothing");
    }

    // ---- idempotency ----------------------------------------------------------------------------------

    @Test
    void theSameKeyWithTheSameDataReSignedGivesTheSameConsent() {
        String key = key();
        Reply first = created(data(), key);
        Map<String, Object> before = rowCounts();

        // A retry: signed again (new jti, new iat), members in another order.
        ObjectNode reordered = PaymentTpp.tree("{}");
        List.of("payment", "creditor", "loggedUser").forEach(m -> reordered.set(m, data().get(m)));
        Reply retry = created(reordered, key);

        assertEquals(first.consentId(), retry.consentId());
        assertEquals(first.data(), retry.data());
        assertEquals(before, rowCounts(), "no second consent, no second record");
    }

    @Test
    void theSameKeyWithOtherDataIsASigned422AndChangesNothing() {
        String key = key();
        Reply first = created(data(), key);
        Map<String, Object> before = rowCounts();

        Reply other = tpp.create(token, with(d -> payment(d).put("amount", "100.13")), key);
        assertError(other, 422, "ERRO_IDEMPOTENCIA");
        assertEquals(List.of("ERRO_IDEMPOTENCIA"), other.errorCodes());

        assertEquals(before, rowCounts());
        assertEquals(first.data(), tpp.get(token, first.consentId()).data(), "the original is untouched");
        assertEquals(first.consentId(), created(data(), key).consentId(), "the key still stands for the original");
    }

    @Test
    void aMissingOrMalformedIdempotencyKeyIs400AndSpendsNothing() {
        Map<String, Object> before = rowCounts();
        String body = tpp.message(data()).sign();
        assertError(tpp.post(token, body, null), 400, "PARAMETRO_NAO_INFORMADO");
        assertError(tpp.post(token, body, "k".repeat(41)), 400, "PARAMETRO_INVALIDO");
        // HTTP strips white space around a header value (RFC 9110 OWS), so a key of blanks arrives empty; a
        // leading space inside a key cannot reach the server at all and is covered by RequestHeadersTest.
        assertError(tpp.post(token, body, "   "), 400, "PARAMETRO_INVALIDO");
        assertError(tpp.post(token, body, key(), "x-idempotency-key", null), 400, "PARAMETRO_NAO_INFORMADO");
        assertEquals(before, rowCounts());

        // The refusals came before the signature was looked at: the same message, with a good key, is new.
        assertEquals(201, tpp.post(token, body, "k".repeat(40)).status());
    }

    @Test
    void concurrentRequestsWithOneKeyAndTheSameDataCreateOneConsent() throws Exception {
        String key = key();
        int racers = 8;
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            bodies.add(tpp.message(data()).sign()); // each retry its own signature and jti
        }
        Map<String, Object> before = rowCounts();
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> posts = new ArrayList<>();
            for (String body : bodies) {
                posts.add(pool.submit(() -> {
                    start.await();
                    return tpp.post(token, body, key);
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<Reply> post : posts) {
                Reply reply = post.get(90, TimeUnit.SECONDS);
                // A 409 would be a request that waited over 10 s for the first: not expected on any machine.
                assertEquals(201, reply.status(), reply.body());
                ids.add(reply.consentId());
            }
            assertEquals(1, ids.size(), "one consent for one key: " + ids);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> after = rowCounts();
        assertEquals(((Number) before.get("KCC_CONSENT")).longValue() + 1, ((Number) after.get("KCC_CONSENT")).longValue(),
                "exactly one consent was created");
        assertEquals(((Number) before.get("KCC_PAYMENT_IDEMPOTENCY")).longValue() + 1,
                ((Number) after.get("KCC_PAYMENT_IDEMPOTENCY")).longValue(), "and one idempotency record");
    }

    @Test
    void concurrentRequestsWithOneKeyAndDifferentDataCreateOneConsentAndRefuseTheOthers() throws Exception {
        String key = key();
        List<ObjectNode> variants = List.of(data(), with(d -> payment(d).put("amount", "55.00")));
        int racers = 6;
        List<String> bodies = new ArrayList<>();
        List<String> amounts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            ObjectNode data = variants.get(i % 2);
            bodies.add(tpp.message(data).sign());
            amounts.add(data.path("payment").path("amount").asText());
        }
        Map<String, Object> before = rowCounts();
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Reply> replies = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> posts = new ArrayList<>();
            for (String body : bodies) {
                posts.add(pool.submit(() -> {
                    start.await();
                    return tpp.post(token, body, key);
                }));
            }
            start.countDown();
            for (Future<Reply> post : posts) {
                replies.add(post.get(90, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> ids = new HashSet<>();
        Set<String> winningAmounts = new HashSet<>();
        for (int i = 0; i < racers; i++) {
            Reply reply = replies.get(i);
            if (reply.status() == 201) {
                ids.add(reply.consentId());
                winningAmounts.add(amounts.get(i));
                assertEquals(amounts.get(i), reply.data().path("payment").path("amount").asText());
            } else {
                assertError(reply, 422, "ERRO_IDEMPOTENCIA");
            }
        }
        assertEquals(1, ids.size(), "one consent for the key: " + ids);
        assertEquals(1, winningAmounts.size(), "only requests with the first request's data get it");
        assertEquals(racers / 2, replies.stream().filter(r -> r.status() == 201).count(), "every one of them does");
        assertEquals(((Number) before.get("KCC_CONSENT")).longValue() + 1,
                ((Number) rowCounts().get("KCC_CONSENT")).longValue());
    }

    @Test
    void idempotencyKeysOlderThanADayArePurgedAndYoungerOnesKept() throws Exception {
        String consentId = created(data(), key()).consentId();
        String dayOld = agedRecord(consentId, 24 * 60 + 1);
        String almostADay = agedRecord(consentId, 23 * 60);

        Eventually.await("the purge task deletes the record older than 24 h",
                () -> !idempotencyRecordIds().contains(dayOld));
        List<String> left = idempotencyRecordIds();
        assertTrue(left.contains(almostADay), "a record younger than 24 h stays: " + left);
        assertEquals(201, tpp.create(token, data(), key()).status());
    }

    String agedRecord(String consentId, int ageMinutes) {
        String keyHash = UUID.randomUUID().toString().replace("-", "") + "0".repeat(32);
        StoreDriver.Reply reply = store.post("/payment-idempotency",
                Map.of("clientId", partnerId, "keyHash", keyHash, "consentId", consentId, "ageMinutes", ageMinutes));
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        return (String) reply.map().get("id");
    }

    List<String> idempotencyRecordIds() {
        return store.get("/raw-named?table=KCC_PAYMENT_IDEMPOTENCY").list().stream()
                .map(r -> (String) ((Map<?, ?>) r).get("ID")).toList();
    }

    // ---- 422: the content rules ------------------------------------------------------------------------

    /** One content rule broken: the code and the field the single error must name. */
    record Broken(String what, String code, String field, ObjectNode data) {
    }

    @Test
    void eachContentRuleIsASigned422WithTheSpecsCodeAndCreatesNothing() {
        LocalDate today = today();
        List<Broken> cases = List.of(
                new Broken("no creditor", "PARAMETRO_NAO_INFORMADO", "data.creditor", with(d -> d.remove("creditor"))),
                new Broken("amount with one decimal", "PARAMETRO_INVALIDO", "data.payment.amount",
                        with(d -> payment(d).put("amount", "100.1"))),
                new Broken("amount zero", "DETALHE_PAGAMENTO_INVALIDO", "data.payment.amount",
                        with(d -> payment(d).put("amount", "0.00"))),
                new Broken("currency USD", "DETALHE_PAGAMENTO_INVALIDO", "data.payment.currency",
                        with(d -> payment(d).put("currency", "USD"))),
                new Broken("date tomorrow", "DATA_PAGAMENTO_INVALIDA", "data.payment.date",
                        with(d -> payment(d).put("date", today.plusDays(1).toString()))),
                new Broken("date and schedule", "PARAMETRO_INVALIDO", "data.payment.schedule",
                        with(d -> payment(d).set("schedule", single(today.plusDays(3))))),
                new Broken("single schedule today", "DATA_PAGAMENTO_INVALIDA", "data.payment.schedule.single.date",
                        with(d -> scheduled(d, single(today)))),
                new Broken("single schedule on D+731", "DATA_PAGAMENTO_INVALIDA", "data.payment.schedule.single.date",
                        with(d -> scheduled(d, single(today.plusDays(731))))),
                new Broken("proxy with MANU", "DETALHE_PAGAMENTO_INVALIDO", "data.payment.details.proxy",
                        with(d -> details(d).put("localInstrument", "MANU"))),
                new Broken("no proxy with DICT", "PARAMETRO_NAO_INFORMADO", "data.payment.details.proxy",
                        with(d -> details(d).remove("proxy"))),
                new Broken("no QR code with QRDN", "PARAMETRO_NAO_INFORMADO", "data.payment.details.qrCode",
                        with(d -> details(d).put("localInstrument", "QRDN"))),
                new Broken("INIC with a daily schedule", "FORMA_PAGAMENTO_INVALIDA", "data.payment.details.localInstrument",
                        with(d -> {
                            scheduled(d, PaymentTpp.tree("{\"daily\":{\"startDate\":\"" + today.plusDays(1)
                                    + "\",\"quantity\":3}}"));
                            details(d).put("localInstrument", "INIC");
                        })),
                new Broken("CPF check digits", "PARAMETRO_INVALIDO", "data.loggedUser.document",
                        with(d -> ((ObjectNode) d.get("loggedUser").get("document")).put("identification", "52998224726"))));

        Map<String, Object> before = rowCounts();
        for (Broken broken : cases) {
            Reply reply = tpp.create(token, broken.data(), key());
            assertEquals(422, reply.status(), broken.what() + ": " + reply.body());
            assertTrue(reply.signed(), "a 422 is a signed message");
            assertEquals(List.of(broken.code()), reply.errorCodes(), broken.what() + ": " + reply.payload());
            String errors = reply.payload().path("errors").toString();
            assertTrue(errors.contains(broken.field()), broken.what() + ": the detail names the field: " + errors);
            assertFalse(errors.contains("5299822472"), "no document in the answer");
        }
        assertEquals(before, rowCounts(), "no refused request created anything");
    }

    static ObjectNode single(LocalDate date) {
        return PaymentTpp.tree("{\"single\":{\"date\":\"" + date + "\"}}");
    }

    /** A schedule instead of today's date. */
    static void scheduled(ObjectNode data, ObjectNode schedule) {
        payment(data).remove("date");
        payment(data).set("schedule", schedule);
    }

    @Test
    void fourOrMoreErrorsAreReportedAsTheFirstThree() {
        ObjectNode broken = with(d -> {
            d.remove("creditor");
            payment(d).put("amount", "1");
            payment(d).put("currency", "brl");
            details(d).put("localInstrument", "MANU"); // proxy with MANU: a fourth, business-rule error
        });
        Reply reply = tpp.create(token, broken, key());
        assertEquals(422, reply.status(), reply.body());
        assertEquals(List.of("PARAMETRO_NAO_INFORMADO", "PARAMETRO_INVALIDO", "PARAMETRO_INVALIDO"), reply.errorCodes(),
                "format errors first, in document order, three at most: " + reply.body());
    }

    @Test
    void aRefused422LeavesTheKeyFreeForTheCorrectedRequest() {
        String key = key();
        assertError(tpp.create(token, with(d -> payment(d).put("currency", "USD")), key), 422, "DETALHE_PAGAMENTO_INVALIDO");
        assertEquals("AWAITING_AUTHORISATION", created(data(), key).data().path("status").asText(),
                "a key is remembered only with the consent it created");
    }

    // ---- the two windows -------------------------------------------------------------------------------

    @Test
    void aConsentNotAuthorisedWithinItsWindowIsRejectedWithTempoExpiradoAutorizacao() throws Exception {
        setRealmAttribute(AUTHORISATION_WINDOW, "3");
        try {
            JsonNode data = created(data(), key()).data();
            Instant creation = instant(data.path("creationDateTime"));
            Instant deadline = instant(data.path("expirationDateTime"));
            assertEquals(creation.plusSeconds(3), deadline, "creation + the realm's window");

            sleepUntil(deadline.plusMillis(1500));
            JsonNode read = tpp.get(token, data.path("consentId").asText()).data();
            assertEquals("REJECTED", read.path("status").asText());
            assertEquals("TEMPO_EXPIRADO_AUTORIZACAO", read.path("rejectionReason").path("code").asText());
            assertFalse(read.path("rejectionReason").path("detail").asText().isBlank());
            assertEquals(deadline, instant(read.path("expirationDateTime")));
            Instant statusUpdate = instant(read.path("statusUpdateDateTime"));
            assertFalse(statusUpdate.isBefore(deadline), "it changed at the deadline or when the sweeper recorded it");
            assertFalse(statusUpdate.isAfter(Instant.now()));
            awaitStoredExpiry(data.path("consentId").asText());
        } finally {
            setRealmAttribute(AUTHORISATION_WINDOW, null);
        }
        JsonNode restored = created(data(), key()).data();
        assertEquals(instant(restored.path("creationDateTime")).plusSeconds(300),
                instant(restored.path("expirationDateTime")), "without the attribute, five minutes again");
    }

    @Test
    void anAuthorisedConsentNotConsumedWithinItsWindowIsRejectedWithTempoExpiradoConsumo() throws Exception {
        setRealmAttribute(CONSUMPTION_WINDOW, "4");
        try {
            ObjectNode sent = with(d -> d.set("debtorAccount", PaymentTpp.tree(
                    "{\"ispb\":\"87654321\",\"issuer\":\"1\",\"number\":\"94088392\",\"accountType\":\"CACC\"}")));
            String id = created(sent, key()).consentId();
            String mariaId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
            StoreDriver.Reply authorised = store.post("/consents/" + StoreDriver.encode(id) + "/authorise",
                    Map.of("userId", mariaId, "resources", List.of()));
            assertEquals(200, authorised.status(), String.valueOf(authorised.body()));

            JsonNode read = tpp.get(token, id).data();
            assertEquals("AUTHORISED", read.path("status").asText());
            Instant statusUpdate = instant(read.path("statusUpdateDateTime"));
            Instant expiration = instant(read.path("expirationDateTime"));
            assertEquals(statusUpdate.plusSeconds(4), expiration, "statusUpdateDateTime + the consumption window");
            assertEquals(sent.get("debtorAccount"), read.get("debtorAccount"));

            sleepUntil(expiration.plusMillis(1500));
            JsonNode expired = tpp.get(token, id).data();
            assertEquals("REJECTED", expired.path("status").asText());
            assertEquals("TEMPO_EXPIRADO_CONSUMO", expired.path("rejectionReason").path("code").asText());
            assertEquals(expiration, instant(expired.path("expirationDateTime")));
            awaitStoredExpiry(id);
        } finally {
            setRealmAttribute(CONSUMPTION_WINDOW, null);
        }
    }

    // ---- who may call, and what they see ---------------------------------------------------------------

    @Test
    void withoutATokenThePaymentsScopeOrAnOrganisationIdNothingIsAnswered() {
        String id = created(data(), key()).consentId();
        Map<String, Object> before = rowCounts();

        assertError(tpp.create(null, data(), key()), 401, "NAO_AUTORIZADO");
        assertError(tpp.get(null, id), 401, "NAO_AUTORIZADO");
        assertError(tpp.get("not.a.token", id), 401, "NAO_AUTORIZADO");

        TppClient oauth = new TppClient(realm.getBaseUrl());
        for (String scope : new String[] {null, "consents"}) {
            String withoutPayments = oauth.privateKeyJwtToken(DemoRealm.PARTNER_CLIENT_ID, PartnerLinks.DEMO_KEY, scope);
            assertError(tpp.create(withoutPayments, data(), key()), 403, "PROIBIDO");
            assertError(tpp.get(withoutPayments, id), 403, "PROIBIDO");
        }

        String[] unconfigured = otherPartner(null);
        String itsToken = oauth.clientSecretToken(unconfigured[0], unconfigured[1], "payments");
        Reply create = tpp.create(itsToken, data(), key());
        assertError(create, 403, "PROIBIDO");
        assertTrue(create.payload().path("errors").path(0).path("detail").asText().contains("organização"),
                create.body());
        assertError(tpp.get(itsToken, id), 403, "PROIBIDO");
        assertEquals(before, rowCounts());
    }

    @Test
    void onlyThePartnersOwnPaymentConsentsAreFoundAndAMalformedIdIs400() {
        String[] other = otherPartner(UUID.randomUUID().toString());
        Map<String, Object> theirs = new HashMap<>();
        theirs.put("clientId", other[2]);
        theirs.put("type", "PAYMENT");
        theirs.put("permissions", List.of("PAYMENTS_INITIATE"));
        theirs.put("cpf", CPF);
        theirs.put("paymentDetails", data().toString());
        String othersConsent = (String) store.create(theirs).get("id");

        Map<String, Object> dataSharing = new HashMap<>();
        dataSharing.put("clientId", partnerId);
        dataSharing.put("permissions", List.of("ACCOUNTS_READ", "RESOURCES_READ"));
        dataSharing.put("cpf", CPF);
        String dataSharingConsent = (String) store.create(dataSharing).get("id");

        for (String id : List.of(othersConsent, dataSharingConsent, "urn:consent-demo:" + UUID.randomUUID())) {
            Reply read = tpp.get(token, id);
            assertError(read, 404, "NAO_ENCONTRADO");
            assertFalse(read.body().contains(CPF));
        }
        assertError(tpp.get(token, "not-a-consent-urn"), 400, "PARAMETRO_INVALIDO");
        assertEquals("AWAITING_AUTHORISATION", store.consent(othersConsent).get("status"), "nothing changed");
    }

    @Test
    void theAnswersMediaTypeAndTheInteractionIdAreChecked() {
        String id = created(data(), key()).consentId();
        Map<String, Object> before = rowCounts();
        assertError(tpp.get(token, id, "Accept", "application/json"), 406, "NAO_ACEITO");
        assertError(tpp.create(token, data(), key(), "Accept", "application/json"), 406, "NAO_ACEITO");
        assertEquals(200, tpp.get(token, id, "Accept", "*/*").status());
        Reply noId = tpp.create(token, data(), key(), "x-fapi-interaction-id", null);
        assertError(noId, 400, "PARAMETRO_INVALIDO");
        assertEquals(before, rowCounts());
        String sent = UUID.randomUUID().toString();
        assertEquals(sent, tpp.get(token, id, "x-fapi-interaction-id", sent).header("x-fapi-interaction-id"));
    }

    @Test
    void theContractFileIsTheOfficialOne() {
        List<String> schemas = new ArrayList<>();
        PaymentsContract.componentSchemas().forEachRemaining(schemas::add);
        assertTrue(schemas.containsAll(PaymentsContract.signedSchemas()), schemas.toString());
        assertTrue(schemas.containsAll(List.of("CreatePaymentConsent", "ResponseError")), schemas.toString());
        ObjectNode request = PaymentTpp.tree("{}");
        request.set("data", data());
        assertEquals(Set.of(), PaymentsContract.validateAgainst("CreatePaymentConsent", request),
                "the request these tests send is itself what the spec describes");
    }

    /**
     * Waits until the sweeper has recorded the expiry the API already reports, so its history row is not written
     * while a later test counts the realm's rows.
     */
    private void awaitStoredExpiry(String id) throws InterruptedException {
        Eventually.await("the sweeper records the expiry of " + id, () -> "REJECTED".equals(store.consent(id).get("status")));
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
