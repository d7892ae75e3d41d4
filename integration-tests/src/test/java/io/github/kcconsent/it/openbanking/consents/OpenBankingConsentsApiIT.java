package io.github.kcconsent.it.openbanking.consents;

import static io.github.kcconsent.it.support.openbanking.ConsentRequests.ACCOUNTS;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.CNPJ;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.CPF;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.OTHER_CPF;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.assertError;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.body;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.date;
import static io.github.kcconsent.it.support.openbanking.ConsentRequests.renewal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
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
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.FieldKeyProviders;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.ServerLogVerdict;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import io.github.kcconsent.it.support.openbanking.ConsentsContract;
import io.github.kcconsent.it.support.openbanking.CustomerTokens;
import io.github.kcconsent.it.support.openbanking.TppClient.Reply;
import io.github.kcconsent.it.support.openbanking.TppClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The Open Finance Brasil Consents API v3.3.1 under /realms/{realm}/open-banking/consents/v3, called the way a
 * partner calls it: its client-credentials token, and for renewals ({@code /extends}) the customer's
 * authorization-code token for that consent, obtained through the real FAPI journey over HTTP
 * ({@link CustomerTokens}). Every response (success and error) is validated against the official OpenAPI by
 * {@link TppClient} before any assertion here.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class OpenBankingConsentsApiIT {

    static final String ALPHANUMERIC_CNPJ = "12ABC34501DE35";

    @InjectRealm(fromJson = DemoRealm.JSON)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    TppClient tpp;
    StoreDriver store;
    CustomerTokens oauth;
    String token;
    String partnerId;
    String mariaId;

    @BeforeEach
    void setUp() {
        tpp = new TppClient(realm.getBaseUrl());
        store = new StoreDriver(realm.getBaseUrl());
        oauth = new CustomerTokens(realm.getBaseUrl());
        token = tpp.privateKeyJwtToken(DemoRealm.PARTNER_CLIENT_ID, PartnerLinks.DEMO_KEY, "consents");
        partnerId = realm.admin().clients().findByClientId(DemoRealm.PARTNER_CLIENT_ID).get(0).getId();
        mariaId = realm.admin().users().search(DemoRealm.USER, true).get(0).getId();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** Creates a consent through the API (201) and returns its id. */
    String create(String expiration) {
        Reply created = tpp.create(token, body(CPF, null, ACCOUNTS, expiration));
        assertEquals(201, created.status(), created.response().body());
        return created.data().path("consentId").asText();
    }

    /** What the FAPI authorisation will do later: the customer authorises the consent. */
    void authorise(String consentId) {
        StoreDriver.Reply reply = store.post("/consents/" + StoreDriver.encode(consentId) + "/authorise", Map.of(
                "userId", mariaId,
                "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA_DEPOSITO_A_VISTA", "label", "Conta"))));
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
    }

    /**
     * The customer authorises the consent through the real journey (PAR, login, Permitir, code, tokens) and
     * the partner holds the customer's authorization-code token for it, the token {@code /extends} takes.
     */
    String customerToken(String consentId) {
        return oauth.authorise(oauth.browser(), consentId).accessToken();
    }

    /** A second partner with a client secret, the consents scope and (for one test) the password grant. */
    String[] otherPartner() {
        String clientId = "other-tpp-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "other-tpp-secret-" + UUID.randomUUID();
        ClientRepresentation c = new ClientRepresentation();
        c.setClientId(clientId);
        c.setSecret(secret);
        c.setPublicClient(false);
        c.setClientAuthenticatorType("client-secret");
        c.setServiceAccountsEnabled(true);
        c.setDirectAccessGrantsEnabled(true);
        c.setStandardFlowEnabled(false);
        realm.admin().clients().create(c).close();
        String id = realm.admin().clients().findByClientId(clientId).get(0).getId();
        String scopeId = realm.admin().clientScopes().findAll().stream()
                .filter(s -> "consents".equals(s.getName())).map(ClientScopeRepresentation::getId).findFirst().orElseThrow();
        realm.admin().clients().get(id).addOptionalClientScope(scopeId);
        return new String[] {clientId, secret};
    }

    // ---- lifecycle -----------------------------------------------------------------------------------

    @Test
    void createReadRevokeReadShowsTheRejection() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String expiration = date(Instant.now().plus(90, ChronoUnit.DAYS));
        Reply created = tpp.create(token, body(CPF, null, ACCOUNTS, expiration));

        assertEquals(201, created.status(), created.response().body());
        assertEquals(created.sentInteractionId(), created.header("x-fapi-interaction-id"), "a valid id is echoed");
        assertEquals("3.3.1", created.header("x-v"));
        JsonNode data = created.data();
        String id = data.path("consentId").asText();
        assertTrue(id.matches("urn:consent-demo:[0-9a-f-]{36}"), id);
        assertEquals("AWAITING_AUTHORISATION", data.path("status").asText());
        assertEquals(expiration, data.path("expirationDateTime").asText());
        assertEquals(List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "RESOURCES_READ"),
                texts(data.path("permissions")));
        assertFalse(Instant.parse(data.path("creationDateTime").asText()).isBefore(before));
        assertEquals(tpp.consentUrl(id).replace("%3A", ":"), created.json().path("links").path("self").asText());
        assertFalse(data.has("rejection"), "create does not carry rejection");

        // What the store holds: a DATA_SHARING consent of the API, for this partner, with the CPF.
        Map<String, Object> stored = store.consent(id);
        assertEquals("DATA_SHARING", stored.get("type"));
        assertEquals("OPEN_FINANCE_API", stored.get("origin"));
        assertEquals(partnerId, stored.get("clientId"));
        assertEquals(CPF, stored.get("cpf"));

        Reply read = tpp.get(token, id);
        assertEquals(200, read.status());
        assertEquals(data, read.data(), "GET returns what POST returned");

        Reply deleted = tpp.delete(token, id);
        assertEquals(204, deleted.status());
        assertEquals("", deleted.response().body());
        assertEquals("3.3.1", deleted.header("x-v"));

        Reply after = tpp.get(token, id);
        assertEquals("REJECTED", after.data().path("status").asText());
        assertEquals("USER", after.data().path("rejection").path("rejectedBy").asText(),
                "the partner deletes on its customer's instruction");
        assertEquals("CUSTOMER_MANUALLY_REJECTED", after.data().path("rejection").path("reason").path("code").asText(),
                "an awaiting consent is rejected, not revoked");

        List<Object> history = store.get("/consents/" + StoreDriver.encode(id) + "/history").list();
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) history.get(history.size() - 1);
        assertEquals("client:" + partnerId, last.get("actor"));
        assertEquals("OPEN_FINANCE_API", last.get("channel"));

        // Deleting again: the spec's 422.
        assertError(tpp.delete(token, id), 422, "CONSENTIMENTO_EM_STATUS_REJEITADO");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void revokingAnAuthorisedConsentIsCustomerManuallyRevokedByTheUser() {
        String id = create(null);
        authorise(id);
        Reply read = tpp.get(token, id);
        assertEquals("AUTHORISED", read.data().path("status").asText());
        assertFalse(read.data().has("expirationDateTime"), "indeterminate: the field is absent");

        assertEquals(204, tpp.delete(token, id).status());

        JsonNode rejection = tpp.get(token, id).data().path("rejection");
        assertEquals("USER", rejection.path("rejectedBy").asText(), "recorded as the reference implementations do");
        assertEquals("CUSTOMER_MANUALLY_REVOKED", rejection.path("reason").path("code").asText());
        assertError(tpp.delete(token, id), 422, "CONSENTIMENTO_EM_STATUS_REJEITADO");
    }

    /**
     * Issue 13, defect 8: racing revocations of one consent. One wins (204); every loser gets a clean refusal
     * (409 ALTERACAO_CONCORRENTE if it read before the winner committed, 422 if after), nothing else; one
     * rejection is recorded; and no loser leaves Hibernate with half-done work (its WARN HHH90010101, "Closing
     * shared session with unprocessed transaction completion actions", once per loser before the fix).
     */
    @Test
    void racingRevocationsGiveOne204AndCleanRefusals() throws Exception {
        String id = create(null);
        authorise(id);
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try (ServerLogVerdict.Watch hibernate = ServerLogVerdict.watch("HHH90010101")) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> deletes = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                deletes.add(pool.submit(() -> {
                    start.await();
                    return tpp.delete(token, id);
                }));
            }
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : deletes) {
                replies.add(f.get(60, TimeUnit.SECONDS));
            }

            assertEquals(1, replies.stream().filter(r -> r.status() == 204).count(), "one revocation wins");
            for (Reply r : replies) {
                if (r.status() == 409) {
                    assertError(r, 409, "ALTERACAO_CONCORRENTE");
                } else if (r.status() != 204) {
                    assertError(r, 422, "CONSENTIMENTO_EM_STATUS_REJEITADO");
                }
            }
            List<Object> history = store.get("/consents/" + StoreDriver.encode(id) + "/history").list();
            assertEquals(1, history.stream().filter(h -> "REJECTED".equals(((Map<?, ?>) h).get("to"))).count(),
                    "one rejection recorded: " + history);
            // Give the losers' sessions time to close (they log when closing), then look.
            Thread.sleep(1000);
            assertEquals(List.of(), hibernate.lines(), "no loser left unprocessed transaction work behind");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void businessConsentsCarryTheCnpjIncludingTheAlphanumericForm() {
        for (String cnpj : List.of(CNPJ, ALPHANUMERIC_CNPJ)) {
            Reply created = tpp.create(token, body(CPF, cnpj,
                    "[\"CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ\",\"RESOURCES_READ\",\"ACCOUNTS_READ\",\"ACCOUNTS_TRANSACTIONS_READ\"]",
                    null));
            assertEquals(201, created.status(), created.response().body());
            assertEquals(cnpj, store.consent(created.data().path("consentId").asText()).get("cnpj"));
        }
    }

    @Test
    void anOverdueConsentReadsAsRejectedByTheBank() throws Exception {
        RealmRepresentation rep = realm.admin().toRepresentation();
        Map<String, String> attributes = new HashMap<>(rep.getAttributesOrEmpty());
        attributes.put("kcconsent.authorisationWindow.DATA_SHARING", "1");
        rep.setAttributes(attributes);
        realm.admin().update(rep);
        try {
            String id = create(null);
            Thread.sleep(1500);
            JsonNode data = tpp.get(token, id).data();
            assertEquals("REJECTED", data.path("status").asText());
            assertEquals("ASPSP", data.path("rejection").path("rejectedBy").asText());
            assertEquals("CONSENT_EXPIRED", data.path("rejection").path("reason").path("code").asText());
            assertError(tpp.delete(token, id), 422, "CONSENTIMENTO_EM_STATUS_REJEITADO");
        } finally {
            attributes.remove("kcconsent.authorisationWindow.DATA_SHARING");
            rep.setAttributes(attributes);
            realm.admin().update(rep);
        }
    }

    // ---- who may see what ----------------------------------------------------------------------------

    @Test
    void anotherPartnersConsentIsIndistinguishableFromNone() {
        String mine = create(null);
        authorise(mine);
        String[] other = otherPartner();
        String otherToken = tpp.clientSecretToken(other[0], other[1], "consents");

        String missing = "urn:consent-demo:" + UUID.randomUUID();
        for (String id : List.of(mine, missing)) {
            Reply read = tpp.get(otherToken, id);
            assertError(read, 404, "NAO_ENCONTRADO");
            assertEquals(read.response().body().replaceAll("\"requestDateTime\":\"[^\"]*\"", ""),
                    tpp.get(otherToken, missing).response().body().replaceAll("\"requestDateTime\":\"[^\"]*\"", ""),
                    "the same answer for someone else's consent and for none");
            assertError(tpp.delete(otherToken, id), 404, "NAO_ENCONTRADO");
            // Renewal takes the customer's token, never a partner's: refused before any consent is looked up.
            assertError(tpp.extend(otherToken, id, renewal(CPF, null, null)), 403, "PROIBIDO");
            assertError(tpp.extensions(otherToken, id, null), 404, "NAO_ENCONTRADO");
        }
        assertEquals("AUTHORISED", tpp.get(token, mine).data().path("status").asText(), "nothing changed");

        // The other partner's own consent works for it, and is not found for the demo partner.
        Reply theirs = tpp.create(otherToken, body(OTHER_CPF, null, ACCOUNTS, null));
        assertEquals(201, theirs.status());
        assertError(tpp.get(token, theirs.data().path("consentId").asText()), 404, "NAO_ENCONTRADO");
    }

    @Test
    void consentsFromOtherChannelsAreNotPartOfThisApi() {
        // A consent-link consent of the same partner (permissions are scope names there, not OFB codes).
        Map<String, Object> link = new HashMap<>();
        link.put("clientId", partnerId);
        link.put("origin", "CONSENT_LINK");
        link.put("permissions", List.of("accounts"));
        link.put("cpf", CPF);
        String linkId = (String) store.create(link).get("id");
        assertError(tpp.get(token, linkId), 404, "NAO_ENCONTRADO");
        assertError(tpp.delete(token, linkId), 404, "NAO_ENCONTRADO");
        assertEquals("AWAITING_AUTHORISATION", store.consent(linkId).get("status"));
    }

    @Test
    void missingOrInvalidTokensAre401() {
        String id = create(null);
        assertError(tpp.get(null, id), 401, "NAO_AUTORIZADO");
        assertEquals("Bearer", tpp.get(null, id).header("WWW-Authenticate"));
        assertError(tpp.get("not.a.token", id), 401, "NAO_AUTORIZADO");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertError(tpp.get(tampered, id), 401, "NAO_AUTORIZADO");
        assertError(tpp.send(null, "GET", tpp.consentUrl(id), TppClient.CONSENT, null, "Authorization", "Basic " + token),
                401, "NAO_AUTORIZADO");
        // A token of another realm (the master admin's) is not a token of this realm.
        String masterToken = admin.tokenManager().getAccessTokenString();
        assertError(tpp.get(masterToken, id), 401, "NAO_AUTORIZADO");
        assertCreateRefused(() -> tpp.create(null, body(CPF, null, ACCOUNTS, null)), 401, "NAO_AUTORIZADO");
    }

    /** Client-credentials tokens are checked without a user session: every check of Keycloak's still applies. */
    @Test
    void aRevokedTokenOrOneOfADisabledOrRevokedClientOrUserIs401() {
        String[] other = otherPartner();
        String clientUuid = realm.admin().clients().findByClientId(other[0]).get(0).getId();
        var client = realm.admin().clients().get(clientUuid);

        String revoked = tpp.clientSecretToken(other[0], other[1], "consents");
        assertEquals(201, tpp.create(revoked, body(CPF, null, ACCOUNTS, null)).status(), "valid before revocation");
        HttpResponse<String> revocation = Http.send(HttpRequest.newBuilder(
                        URI.create(realm.getBaseUrl() + "/protocol/openid-connect/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + other[0] + "&client_secret=" + other[1]
                        + "&token=" + revoked)).build());
        assertEquals(200, revocation.statusCode(), revocation.body());
        assertCreateRefused(() -> tpp.create(revoked, body(CPF, null, ACCOUNTS, null)), 401, "NAO_AUTORIZADO");

        String whileDisabled = tpp.clientSecretToken(other[0], other[1], "consents");
        ClientRepresentation rep = client.toRepresentation();
        rep.setEnabled(false);
        client.update(rep);
        assertCreateRefused(() -> tpp.create(whileDisabled, body(CPF, null, ACCOUNTS, null)), 401, "NAO_AUTORIZADO");
        rep.setEnabled(true);
        client.update(rep);
        assertEquals(201, tpp.create(whileDisabled, body(CPF, null, ACCOUNTS, null)).status(), "enabled again");

        UserRepresentation serviceAccount = client.getServiceAccountUser();
        serviceAccount.setEnabled(false);
        realm.admin().users().get(serviceAccount.getId()).update(serviceAccount);
        assertCreateRefused(() -> tpp.create(whileDisabled, body(CPF, null, ACCOUNTS, null)), 401, "NAO_AUTORIZADO");
        serviceAccount.setEnabled(true);
        realm.admin().users().get(serviceAccount.getId()).update(serviceAccount);
        assertEquals(201, tpp.create(whileDisabled, body(CPF, null, ACCOUNTS, null)).status(), "user enabled again");

        // Tokens issued before the client's not-before stop working.
        rep = client.toRepresentation();
        rep.setNotBefore((int) (System.currentTimeMillis() / 1000) + 1);
        client.update(rep);
        assertCreateRefused(() -> tpp.create(whileDisabled, body(CPF, null, ACCOUNTS, null)), 401, "NAO_AUTORIZADO");

        // A token signed with "none" is never accepted.
        String[] parts = token.split("\\.");
        String unsigned = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        assertCreateRefused(() -> tpp.create(unsigned, body(CPF, null, ACCOUNTS, null)), 401, "NAO_AUTORIZADO");
    }

    @Test
    void aTokenWithoutTheConsentsScopeOrFromAnotherGrantIs403() {
        String id = create(null);
        String noScope = tpp.privateKeyJwtToken(DemoRealm.PARTNER_CLIENT_ID, PartnerLinks.DEMO_KEY, null);
        assertError(tpp.get(noScope, id), 403, "PROIBIDO");
        assertCreateRefused(() -> tpp.create(noScope, body(CPF, null, ACCOUNTS, null)), 403, "PROIBIDO");
        assertError(tpp.delete(noScope, id), 403, "PROIBIDO");
        assertError(tpp.extensions(noScope, id, null), 403, "PROIBIDO");
        assertEquals("AWAITING_AUTHORISATION", tpp.get(token, id).data().path("status").asText());

        String[] other = otherPartner();
        String userToken = tpp.passwordToken(other[0], other[1], DemoRealm.USER, DemoRealm.USER_PASSWORD, "consents");
        Reply userCall = assertCreateRefused(() -> tpp.create(userToken, body(CPF, null, ACCOUNTS, null)), 403, "PROIBIDO");
        assertTrue(userCall.json().path("errors").path(0).path("detail").asText().contains("client_credentials"),
                "refused for its grant, not its scope");
    }

    // ---- headers --------------------------------------------------------------------------------------

    @Test
    void aMissingOrInvalidInteractionIdIs400WithAGeneratedOne() {
        String id = create(null);
        for (String value : new String[] {null, "not-a-uuid", "d78fc4e5-37ca-4da3-adf2-9b082bf9228"}) {
            Reply reply = tpp.get(token, id, "x-fapi-interaction-id", value);
            assertError(reply, 400, "PARAMETRO_INVALIDO");
            String generated = reply.header("x-fapi-interaction-id");
            assertNotEquals(value, generated);
            assertTrue(generated.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), generated);
        }
        Reply create = tpp.create(token, body(CPF, null, ACCOUNTS, null), "x-fapi-interaction-id", "x");
        assertError(create, 400, "PARAMETRO_INVALIDO");
        String upper = UUID.randomUUID().toString().toUpperCase();
        assertEquals(upper, tpp.get(token, id, "x-fapi-interaction-id", upper).header("x-fapi-interaction-id"));
    }

    @Test
    void contentNegotiationAndOptionalHeadersAreChecked() {
        String id = create(null);
        assertCreateRefused(() -> tpp.create(token, body(CPF, null, ACCOUNTS, null), "Content-Type", "text/plain"), 415, "TIPO_NAO_SUPORTADO");
        assertCreateRefused(() -> tpp.create(token, body(CPF, null, ACCOUNTS, null), "Content-Type", null), 415, "TIPO_NAO_SUPORTADO");
        assertCreateRefused(() -> tpp.create(token, body(CPF, null, ACCOUNTS, null), "Content-Type", "application/json; charset=ISO-8859-1"),
                415, "TIPO_NAO_SUPORTADO");
        assertError(tpp.get(token, id, "Accept", "text/html"), 406, "NAO_ACEITO");
        assertEquals(200, tpp.get(token, id, "Accept", "*/*").status());
        assertEquals(201, tpp.create(token, body(CPF, null, ACCOUNTS, null), "Content-Type", "application/json; charset=UTF-8").status());
        assertEquals(200, tpp.get(token, id, "x-fapi-auth-date", "Sun, 10 Sep 2017 19:43:31 UTC",
                "x-fapi-customer-ip-address", "198.51.100.10", "x-customer-user-agent", "App/1.0 (x, y)").status());
        assertError(tpp.get(token, id, "x-fapi-auth-date", "2017-09-10T19:43:31Z"), 400, "PARAMETRO_INVALIDO");
        assertError(tpp.get(token, id, "x-customer-user-agent", "x".repeat(256)), 400, "PARAMETRO_INVALIDO");
        assertError(tpp.get(token, "not-a-consent-urn"), 400, "PARAMETRO_INVALIDO");
    }

    // ---- create: 400 and 422 ---------------------------------------------------------------------------

    @Test
    void malformedCreateRequestsAre400AndCreateNothing() {
        String future = date(Instant.now().plus(30, ChronoUnit.DAYS));
        List<String> bodies = List.of(
                "",
                "{not json",
                "[]",
                "{\"data\":{}}",
                "{\"data\":\"x\"}",
                body(CPF, null, "[]", null),
                body(CPF, null, "\"ACCOUNTS_READ\"", null),
                body(CPF, null, "[\"ACCOUNTS_READ\",\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\",\"RESOURCES_READ\"]", null),
                body(CPF, null, "[\"ACCOUNTS_READ\",\"PIX_READ\"]", null),
                body("52998224726", null, ACCOUNTS, null),
                body("5299822472", null, ACCOUNTS, null),
                body("11111111111", null, ACCOUNTS, null),
                body(CPF, "11222333000182", ACCOUNTS, null),
                body(CPF, "12abc34501de35", ACCOUNTS, null),
                body(CPF, null, ACCOUNTS, future.replace("Z", ".000Z")),
                body(CPF, null, ACCOUNTS, future.replace("T", " ")),
                body(CPF, null, ACCOUNTS, "2030-02-30T00:00:00Z"),
                "{\"data\":{\"loggedUser\":{\"document\":{\"identification\":\"" + CPF + "\",\"rel\":\"CPF\"}},\"permissions\":"
                        + ACCOUNTS + ",\"isLinked\":\"yes\"}}");
        Map<String, Object> rowsBefore = store.get("/row-counts").map();
        for (String b : bodies) {
            Reply reply = tpp.create(token, b);
            assertEquals(400, reply.status(), b + " → " + reply.response().body());
            assertFalse(reply.response().body().contains(CPF.substring(0, 9)), "errors never echo documents");
        }
        assertEquals(rowsBefore, store.get("/row-counts").map(), "no consent, history, account, webhook event or renewal was written");
    }

    @Test
    void everyCreateBusinessRuleHasItsCode() {
        assertCreateRefused(() -> tpp.create(token, body(CPF, null, "[\"ACCOUNTS_READ\",\"RESOURCES_READ\"]", null)),
                422, "COMBINACAO_PERMISSOES_INCORRETA");
        assertCreateRefused(() -> tpp.create(token, body(CPF, null, "[\"LOANS_READ\",\"RESOURCES_READ\"]", null)),
                422, "COMBINACAO_PERMISSOES_INCORRETA");
        assertCreateRefused(() -> tpp.create(token, body(CPF, null, "[\"CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ\",\"RESOURCES_READ\"]", null)),
                422, "INFORMACOES_PJ_NAO_INFORMADAS");
        assertCreateRefused(() -> tpp.create(token, body(CPF, CNPJ, "[\"CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ\",\"RESOURCES_READ\"]", null)),
                422, "PERMISSOES_PJ_INCORRETAS");
        assertCreateRefused(() -> tpp.create(token, body(CPF, CNPJ, "[\"CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ\","
                        + "\"CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ\",\"RESOURCES_READ\"]", null)),
                422, "PERMISSAO_PF_PJ_EM_CONJUNTO");
        assertCreateRefused(() -> tpp.create(token, body(CPF, null, ACCOUNTS, date(Instant.now().minus(1, ChronoUnit.MINUTES)))),
                422, "DATA_EXPIRACAO_INVALIDA");
    }

    // ---- renewal ---------------------------------------------------------------------------------------

    @Test
    void renewalFollowsTheSpecsRules() {
        Instant now = Instant.now();
        String id = create(date(now.plus(30, ChronoUnit.DAYS)));
        String newExpiry = date(now.plus(200, ChronoUnit.DAYS));
        // The customer authorises it; the partner renews with the customer's token (the partner's own: 403).
        String customer = customerToken(id);
        assertError(tpp.extend(token, id, renewal(CPF, null, newExpiry)), 403, "PROIBIDO");

        // The customer headers are required; the body follows the schema.
        assertError(tpp.extend(customer, id, renewal(CPF, null, newExpiry), "x-fapi-customer-ip-address", null), 400,
                "PARAMETRO_NAO_INFORMADO");
        assertError(tpp.extend(customer, id, renewal(CPF, null, newExpiry), "x-customer-user-agent", null), 400,
                "PARAMETRO_NAO_INFORMADO");
        assertError(tpp.extend(customer, id, renewal(CPF, null, newExpiry), "x-customer-user-agent", "x".repeat(256)), 400,
                "PARAMETRO_INVALIDO");
        assertError(tpp.extend(customer, id, renewal(CPF, null, newExpiry), "x-fapi-customer-ip-address", "1".repeat(101)),
                400, "PARAMETRO_INVALIDO");
        assertError(tpp.extend(customer, id, "{\"data\":{}}"), 400, "PARAMETRO_NAO_INFORMADO");
        assertError(tpp.extend(customer, id, renewal(CPF, null, "tomorrow")), 400, "PARAMETRO_INVALIDO");

        // Only the consent's own customer (and company) may renew it.
        assertError(tpp.extend(customer, id, renewal(OTHER_CPF, null, newExpiry)), 403, "PROIBIDO");
        assertError(tpp.extend(customer, id, renewal(CPF, CNPJ, newExpiry)), 403, "PROIBIDO");

        // Dates: later than now and than the current expiry, at most 12 months ahead.
        assertError(tpp.extend(customer, id, renewal(CPF, null, date(now.plus(10, ChronoUnit.DAYS)))), 422,
                "DATA_EXPIRACAO_INVALIDA");
        assertError(tpp.extend(customer, id, renewal(CPF, null, date(now.minus(1, ChronoUnit.DAYS)))), 422,
                "DATA_EXPIRACAO_INVALIDA");
        assertError(tpp.extend(customer, id, renewal(CPF, null, date(now.plus(400, ChronoUnit.DAYS)))), 422,
                "DATA_EXPIRACAO_INVALIDA");
        assertEquals(date(now.plus(30, ChronoUnit.DAYS)), tpp.get(token, id).data().path("expirationDateTime").asText(),
                "refused renewals change nothing");

        Reply renewed = tpp.extend(customer, id, renewal(CPF, null, newExpiry));
        assertEquals(201, renewed.status(), renewed.response().body());
        assertEquals(newExpiry, renewed.data().path("expirationDateTime").asText());
        assertEquals("AUTHORISED", renewed.data().path("status").asText());
        assertEquals(newExpiry, tpp.get(token, id).data().path("expirationDateTime").asText());

        // Indeterminate renewal: the field is omitted, and afterwards no fixed date is "later".
        Reply indeterminate = tpp.extend(customer, id, renewal(CPF, null, null));
        assertEquals(201, indeterminate.status(), indeterminate.response().body());
        assertFalse(indeterminate.data().has("expirationDateTime"));
        assertFalse(tpp.get(token, id).data().has("expirationDateTime"));
        assertError(tpp.extend(customer, id, renewal(CPF, null, newExpiry)), 422, "DATA_EXPIRACAO_INVALIDA");

        Reply history = tpp.extensions(token, id, null);
        assertEquals(200, history.status());
        assertEquals(2, history.json().path("meta").path("totalRecords").asInt());
        JsonNode latest = history.data().path(0);
        assertFalse(latest.has("expirationDateTime"), "the latest renewal is the indeterminate one");
        assertEquals(newExpiry, latest.path("previousExpirationDateTime").asText());
        JsonNode first = history.data().path(1);
        assertEquals(newExpiry, first.path("expirationDateTime").asText());
        assertEquals(date(now.plus(30, ChronoUnit.DAYS)), first.path("previousExpirationDateTime").asText());
        assertEquals(CPF, first.path("loggedUser").path("document").path("identification").asText());
        assertEquals("CPF", first.path("loggedUser").path("document").path("rel").asText());
        assertEquals("203.0.113.7", first.path("xFapiCustomerIpAddress").asText());
        assertEquals("Mozilla/5.0 (iPhone14,6; U; CPU iPhone OS 15_4 like Mac OS X)", first.path("xCustomerUserAgent").asText());

        // A consent that is no longer authorised cannot be renewed: its customer token is no longer valid (401,
        // before any business rule), even when nothing ended a Keycloak session (here the stored status is
        // changed without the listeners), the same answer introspection gives.
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(id) + "/status-without-listeners",
                Map.of("status", "REJECTED")).status());
        assertError(tpp.extend(customer, id, renewal(CPF, null, null)), 401, "NAO_AUTORIZADO");
        assertEquals(200, store.post("/consents/" + StoreDriver.encode(id) + "/status-without-listeners",
                Map.of("status", "AUTHORISED")).status());
        assertEquals(201, tpp.extend(customer, id, renewal(CPF, null, null)).status(), "valid again once authorised");

        // Revoked: the customer's token dies with the consent (401), and the history stays readable.
        assertEquals(204, tpp.delete(token, id).status());
        assertError(tpp.extend(customer, id, renewal(CPF, null, null)), 401, "NAO_AUTORIZADO");
        assertEquals(3, tpp.extensions(token, id, null).json().path("meta").path("totalRecords").asInt());
    }

    @Test
    void aBusinessConsentIsRenewedWithItsOwnCompany() {
        String firstExpiry = date(Instant.now().plus(30, ChronoUnit.DAYS));
        Reply created = tpp.create(token, body(CPF, CNPJ, ACCOUNTS, firstExpiry));
        assertEquals(201, created.status(), created.response().body());
        String id = created.data().path("consentId").asText();
        // The company's representative signs in with a business credential that acts for that CNPJ.
        String representative = TestUsers.businessCustomer(realm, "pj-renewal", CNPJ);
        String customer = oauth.authorise(oauth.browser(), "openid consent:" + id, representative, TestUsers.PASSWORD).accessToken();
        String newExpiry = date(Instant.now().plus(60, ChronoUnit.DAYS));

        // Without the company, or with another one: refused, and the consent is not renewed.
        assertError(tpp.extend(customer, id, renewal(CPF, null, newExpiry)), 403, "PROIBIDO");
        assertError(tpp.extend(customer, id, renewal(CPF, ALPHANUMERIC_CNPJ, newExpiry)), 403, "PROIBIDO");
        assertEquals(firstExpiry, tpp.get(token, id).data().path("expirationDateTime").asText(), "the expiry is unchanged");
        assertEquals(0, tpp.extensions(token, id, null).json().path("meta").path("totalRecords").asInt(), "no renewal recorded");

        Reply renewed = tpp.extend(customer, id, renewal(CPF, CNPJ, newExpiry));
        assertEquals(201, renewed.status(), renewed.response().body());
        assertEquals(newExpiry, tpp.get(token, id).data().path("expirationDateTime").asText(), "the consent runs to the new date");
        assertEquals(1, tpp.extensions(token, id, null).json().path("meta").path("totalRecords").asInt());
    }

    /**
     * A create the API must refuse: its status and error code, and not one row written in any of our tables
     * (consent, accounts, history, webhook outbox, extension, idempotency).
     */
    private Reply assertCreateRefused(Supplier<Reply> create, int status, String code) {
        Map<String, Object> rowsBefore = store.get("/row-counts").map();
        Reply reply = create.get();
        assertError(reply, status, code);
        assertEquals(rowsBefore, store.get("/row-counts").map(), "a refused create (" + code + ") writes nothing");
        return reply;
    }

    @Test
    void renewalHistoryIsPagedNewestFirst() {
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS);
        String id = create(date(start));
        String customer = customerToken(id);
        assertEquals(0, tpp.extensions(token, id, null).json().path("meta").path("totalRecords").asInt());
        int renewals = 27;
        for (int i = 1; i <= renewals; i++) {
            Reply r = tpp.extend(customer, id, renewal(CPF, null, date(start.plus(i, ChronoUnit.HOURS))));
            assertEquals(201, r.status(), r.response().body());
        }
        String current = tpp.get(token, id).data().path("expirationDateTime").asText();

        Reply page1 = tpp.extensions(token, id, null);
        assertEquals(25, page1.data().size());
        assertEquals(27, page1.json().path("meta").path("totalRecords").asInt());
        assertEquals(2, page1.json().path("meta").path("totalPages").asInt());
        assertEquals(current, page1.data().path(0).path("expirationDateTime").asText(),
                "the first item is the latest renewal, whose date the consent now has");
        for (int i = 1; i < page1.data().size(); i++) {
            Instant newer = Instant.parse(page1.data().path(i - 1).path("expirationDateTime").asText());
            Instant older = Instant.parse(page1.data().path(i).path("expirationDateTime").asText());
            assertTrue(newer.isAfter(older), "newest first");
            assertFalse(Instant.parse(page1.data().path(i - 1).path("requestDateTime").asText())
                    .isBefore(Instant.parse(page1.data().path(i).path("requestDateTime").asText())));
        }
        JsonNode links = page1.json().path("links");
        assertTrue(links.path("self").asText().endsWith("/extensions?page=1&page-size=25"), links.toString());
        assertTrue(links.path("next").asText().endsWith("page=2&page-size=25"), links.toString());
        assertTrue(links.path("last").asText().endsWith("page=2&page-size=25"), links.toString());
        assertTrue(links.path("first").isMissingNode() && links.path("prev").isMissingNode(), links.toString());

        Reply page2 = tpp.extensions(token, id, "page=2");
        assertEquals(2, page2.data().size());
        assertEquals(date(start.plus(1, ChronoUnit.HOURS)), page2.data().path(1).path("expirationDateTime").asText(),
                "the oldest renewal comes last");
        assertEquals(date(start), page2.data().path(1).path("previousExpirationDateTime").asText());
        assertTrue(page2.json().path("links").path("prev").asText().endsWith("page=1&page-size=25"));
        assertTrue(page2.json().path("links").path("next").isMissingNode());

        assertEquals(25, tpp.extensions(token, id, "page-size=10").data().size(), "below 25 counts as 25");
        assertEquals(27, tpp.extensions(token, id, "page-size=1000").data().size());
        Reply beyond = tpp.extensions(token, id, "page=5");
        assertEquals(0, beyond.data().size());
        assertEquals(27, beyond.json().path("meta").path("totalRecords").asInt());
        assertError(tpp.extensions(token, id, "page-size=1001"), 400, "PARAMETRO_INVALIDO");
        assertError(tpp.extensions(token, id, "page=0"), 400, "PARAMETRO_INVALIDO");
        assertError(tpp.extensions(token, id, "page=abc"), 400, "PARAMETRO_INVALIDO");
    }

    @Test
    void renewalsStayReadableAcrossAFieldKeyRotation() {
        String id = create(date(Instant.now().plus(1, ChronoUnit.DAYS)));
        String customer = customerToken(id);
        String first = date(Instant.now().plus(2, ChronoUnit.DAYS));
        assertEquals(201, tpp.extend(customer, id, renewal(CPF, null, first)).status());

        // Rotate: a new field key with a higher priority becomes active; the old one stays enabled. The new key
        // is left in place (the realm goes away with the class): removing it would strand what it encrypted.
        FieldKeyProviders.add(realm, "rotated-" + UUID.randomUUID().toString().substring(0, 6),
                System.currentTimeMillis() / 1000);

        String second = date(Instant.now().plus(3, ChronoUnit.DAYS));
        assertEquals(201, tpp.extend(customer, id, renewal(CPF, null, second)).status());
        Reply history = tpp.extensions(token, id, null);
        assertEquals(2, history.data().size());
        for (JsonNode item : history.data()) {
            assertEquals(CPF, item.path("loggedUser").path("document").path("identification").asText());
            assertEquals("203.0.113.7", item.path("xFapiCustomerIpAddress").asText());
        }
        assertEquals(second, history.data().path(0).path("expirationDateTime").asText());

        // The two stored renewals are under different keys: the first under the old one, the second under the
        // rotated one, each ciphertext naming its row's ENC_KEY_ID.
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object row : store.get("/raw-named?table=KCC_OB_CONSENT_EXTENSION").list()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> named = (Map<String, Object>) row;
            if (id.equals(named.get("CONSENT_ID"))) {
                rows.add(named);
            }
        }
        assertEquals(2, rows.size(), rows.toString());
        Set<Object> keys = new HashSet<>();
        for (Map<String, Object> row : rows) {
            String kid = (String) row.get("ENC_KEY_ID");
            keys.add(kid);
            for (String column : List.of("LOGGED_USER_ENC", "CUSTOMER_IP_ENC", "CUSTOMER_UA_ENC")) {
                String stored = (String) row.get(column);
                assertEquals(kid, new String(Base64.getUrlDecoder().decode(stored.split("\\.")[1]), StandardCharsets.UTF_8),
                        column + " is under its row's key");
            }
        }
        assertEquals(2, keys.size(), "the renewals are under two different keys: " + keys);
    }

    @Test
    void theContractFileIsTheOfficialOne() {
        List<String> schemas = new ArrayList<>();
        ConsentsContract.componentSchemas().forEachRemaining(schemas::add);
        assertTrue(schemas.containsAll(List.of("ResponseConsent", "ResponseConsentRead", "ResponseConsentReadExtensions",
                "ResponseError", "422ResponseErrorCreateConsent")), schemas.toString());
    }
}
