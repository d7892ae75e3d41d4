package io.github.kcconsent.it.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.kcconsent.it.support.BackofficeApi;
import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.ConsentServerConfig;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Eventually;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.PartnerLinks;
import io.github.kcconsent.it.support.StaffTokens;
import io.github.kcconsent.it.support.StoreDriver;
import io.github.kcconsent.it.support.TestUsers;
import io.github.kcconsent.it.support.openbanking.TppClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Signed receipts on the real server: every event type gets one, it verifies with the realm's JWKS fetched over
 * HTTP as any partner would with a standard JOSE library, one changed byte makes it fail, it names the seal of
 * its history entry, and it reaches the back office, the partner and the customer.
 */
@KeycloakIntegrationTest(config = ConsentServerConfig.class)
class ConsentReceiptsIT {

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
    void everyEventTypeGetsAReceiptThatVerifiesWithTheJwksAndFailsAfterOneChangedByte() throws Exception {
        String granted = authorised(store.createDataSharing(partnerId, CPF), mariaId);
        String revoked = authorised(store.createDataSharing(partnerId, CPF), mariaId);
        reject(revoked, "CUSTOMER_MANUALLY_REVOKED");
        String rejected = store.createDataSharing(partnerId, CPF);
        reject(rejected, "CUSTOMER_MANUALLY_REJECTED");
        String renewed = authorised(store.createDataSharing(partnerId, CPF), mariaId);
        assertEquals(200, store.post(path(renewed) + "/extend", Map.of("expiresInSeconds", 7200)).status());
        String consumed = authorised(payment(), mariaId);
        assertEquals(200, store.post(path(consumed) + "/consume", Map.of()).status());
        String expired = authorised(expiringInSeconds(2), mariaId);
        Eventually.await("the sweeper expires " + expired, () -> "REJECTED".equals(store.consent(expired).get("status")));

        Map<String, String> expected = Map.of(granted, "GRANTED", revoked, "REVOKED", rejected, "REJECTED",
                renewed, "RENEWED", consumed, "CONSUMED", expired, "EXPIRED");
        JWKSet jwks = JWKSet.parse(Http.get(realm.getBaseUrl() + "/protocol/openid-connect/certs").body());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Map<String, Object> receipt = newestReceipt(e.getKey());
            assertEquals(e.getValue(), receipt.get("event"), e.getKey());
            String token = (String) receipt.get("receipt");

            Map<String, Object> claims = verified(jwks, token);
            assertEquals(e.getKey(), claims.get("consent_id"));
            assertEquals(e.getValue(), claims.get("event"));
            assertEquals(store.consent(e.getKey()).get("status"), claims.get("status"));
            assertEquals(DemoRealm.PARTNER_CLIENT_ID, claims.get("client_id"));
            assertEquals(receipt.get("historySeal"), claims.get("history_seal"));
            assertFalse(new String(JWSObject.parse(token).getPayload().toBytes(), StandardCharsets.UTF_8).contains(CPF),
                    "no document in the receipt");

            assertFalse(verifies(jwks, withOneChangedPayloadByte(token)), e.getValue() + ": a changed payload byte fails");
            assertFalse(verifies(jwks, withOneChangedSignatureByte(token)), e.getValue() + ": a changed signature byte fails");
        }
    }

    @Test
    void aReceiptNamesTheSealOfItsHistoryEntryAndTheCustomer() throws Exception {
        String id = authorised(store.createDataSharing(partnerId, CPF), mariaId);
        reject(id, "CUSTOMER_MANUALLY_REVOKED");

        Map<String, Object> detail = json(get("/" + StoreDriver.encode(id)));
        List<?> history = (List<?>) detail.get("history");
        List<?> receipts = (List<?>) json(get("/" + StoreDriver.encode(id) + "/receipts")).get("receipts");
        assertEquals(2, receipts.size(), "grant and revocation: " + receipts);
        JWKSet jwks = JWKSet.parse(Http.get(realm.getBaseUrl() + "/protocol/openid-connect/certs").body());
        for (int i = 0; i < 2; i++) {
            Map<?, ?> entry = (Map<?, ?>) history.get(i + 1);
            Map<String, Object> claims = verified(jwks, (String) ((Map<?, ?>) receipts.get(i)).get("receipt"));
            assertNotNull(entry.get("seal"));
            assertEquals(entry.get("seal"), claims.get("history_seal"), "the receipt names its entry's seal");
            assertEquals(((Number) entry.get("sequence")).longValue(), ((Number) claims.get("history_sequence")).longValue());
            assertEquals(mariaId, claims.get("sub"));
            assertEquals(List.of(Map.of("id", "acc-0001", "type", "CONTA")), claims.get("resources"),
                    "resources without their labels");
        }
    }

    @Test
    void thePartnerFetchesTheReceiptsOfItsOwnConsentOnly() throws Exception {
        TppClient tpp = new TppClient(realm.getBaseUrl());
        String token = tpp.privateKeyJwtToken(DemoRealm.PARTNER_CLIENT_ID, PartnerLinks.DEMO_KEY, "consents");
        String id = authorised(store.createDataSharing(partnerId, CPF), mariaId);

        HttpResponse<String> mine = Http.get(tpp.consentUrl(id) + "/receipts", "Authorization", "Bearer " + token,
                "x-fapi-interaction-id", UUID.randomUUID().toString());
        assertEquals(200, mine.statusCode(), mine.body());
        List<?> data = (List<?>) json(mine).get("data");
        assertEquals(1, data.size());
        assertEquals("GRANTED", ((Map<?, ?>) data.get(0)).get("event"));
        assertTrue(verifies(JWKSet.parse(Http.get(realm.getBaseUrl() + "/protocol/openid-connect/certs").body()),
                (String) ((Map<?, ?>) data.get(0)).get("receipt")));

        String otherPartners = store.createDataSharing(
                realm.admin().clients().findByClientId("ofb-resource-server").get(0).getId(), CPF);
        assertEquals(404, Http.get(tpp.consentUrl(otherPartners) + "/receipts", "Authorization", "Bearer " + token,
                "x-fapi-interaction-id", UUID.randomUUID().toString()).statusCode(), "another partner's consent");
        assertEquals(401, Http.get(tpp.consentUrl(id) + "/receipts",
                "x-fapi-interaction-id", UUID.randomUUID().toString()).statusCode(), "no token");
    }

    @Test
    void theCustomerDownloadsTheirOwnReceiptAndNoOneElses() throws Exception {
        String username = TestUsers.create(realm, "receipt", Map.of());
        String userId = realm.admin().users().search(username, true).get(0).getId();
        String mine = authorised(linkConsent(userId), userId);
        String someoneElses = authorised(store.createDataSharing(partnerId, CPF), mariaId);

        String origin = realm.getBaseUrl().replaceAll("/realms/.*", "");
        BrowserSession browser = new BrowserSession(origin).open(realm.getBaseUrl() + "/consent/my");
        browser.login(username, TestUsers.PASSWORD);
        assertTrue(browser.page.body().contains("kcconsent-receipt-link"), browser.page.body());

        browser.open(realm.getBaseUrl() + "/consent/my/receipt?consent_id=" + StoreDriver.encode(mine));
        assertEquals(200, browser.page.statusCode());
        assertEquals("application/jwt", browser.page.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(browser.page.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        Map<String, Object> claims = verified(JWKSet.parse(Http.get(realm.getBaseUrl() + "/protocol/openid-connect/certs").body()),
                browser.page.body().trim());
        assertEquals(mine, claims.get("consent_id"));

        browser.open(realm.getBaseUrl() + "/consent/my/receipt?consent_id=" + StoreDriver.encode(someoneElses));
        assertTrue(browser.page.body().contains("Não há comprovante"), browser.page.body());
        browser.open(realm.getBaseUrl() + "/consent/my/receipt");
        assertTrue(browser.page.body().contains("Não há comprovante"), "no consent_id: " + browser.page.body());
    }

    @Test
    void receiptsNeedAConsentRoleAndAKnownConsent() {
        String id = authorised(store.createDataSharing(partnerId, CPF), mariaId);
        assertEquals(403, api.get(StaffTokens.withRoles(realm), "/" + StoreDriver.encode(id) + "/receipts").statusCode());
        assertEquals(404, get("/" + StoreDriver.encode("urn:kcconsent:no-such") + "/receipts").statusCode());
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static Map<String, Object> verified(JWKSet jwks, String token) throws Exception {
        JWSObject jws = JWSObject.parse(token);
        assertEquals("kcconsent-receipt+jwt", jws.getHeader().getType().getType());
        JWK key = jwks.getKeyByKeyId(jws.getHeader().getKeyID());
        assertNotNull(key, "the receipt's kid is in the realm's JWKS");
        assertTrue(verifies(jwks, token), "the receipt verifies");
        return jws.getPayload().toJSONObject();
    }

    private static boolean verifies(JWKSet jwks, String token) {
        try {
            JWSObject jws = JWSObject.parse(token);
            JWK key = jwks.getKeyByKeyId(jws.getHeader().getKeyID());
            JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jws.getHeader(),
                    ((RSAKey) key).toRSAPublicKey());
            return jws.verify(verifier);
        } catch (Exception e) {
            return false;
        }
    }

    private static String withOneChangedPayloadByte(String token) {
        String[] parts = token.split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        int i = new String(payload, StandardCharsets.UTF_8).indexOf("\"status\":\"") + 10;
        payload[i] ^= 0x01;
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + parts[2];
    }

    private static String withOneChangedSignatureByte(String token) {
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private Map<String, Object> newestReceipt(String id) {
        List<?> receipts = (List<?>) json(get("/" + StoreDriver.encode(id) + "/receipts")).get("receipts");
        assertFalse(receipts.isEmpty(), "receipts of " + id);
        @SuppressWarnings("unchecked")
        Map<String, Object> newest = (Map<String, Object>) receipts.get(receipts.size() - 1);
        return newest;
    }

    private String authorised(String id, String userId) {
        return store.authorise(id, userId, "Conta •••• 1234");
    }

    private void reject(String id, String reason) {
        store.reject(id, reason);
    }

    private String payment() {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", partnerId);
        body.put("type", "PAYMENT");
        body.put("permissions", List.of("PAYMENTS_INITIATE"));
        body.put("cpf", CPF);
        return (String) store.create(body).get("id");
    }

    private String expiringInSeconds(int seconds) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", partnerId);
        body.put("type", "DATA_SHARING");
        body.put("permissions", List.of("ACCOUNTS_READ"));
        body.put("expiresInSeconds", seconds);
        body.put("cpf", CPF);
        return (String) store.create(body).get("id");
    }

    private String linkConsent(String userId) {
        return (String) store.create(Map.of("clientId", partnerId, "userId", userId, "origin", "CONSENT_LINK",
                "permissions", List.of("accounts"), "cpf", CPF)).get("id");
    }

    private static String path(String id) {
        return "/consents/" + StoreDriver.encode(id);
    }

    private HttpResponse<String> get(String pathAndQuery) {
        return api.get(viewer, pathAndQuery);
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return BackofficeApi.ok(response);
    }
}
