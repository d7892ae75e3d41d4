package io.github.kcconsent.it.fapi;

import static io.github.kcconsent.it.support.openbanking.OfbBank.LOA2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.openbanking.CustomerTokens;
import io.github.kcconsent.it.support.openbanking.OfbBank;
import io.github.kcconsent.it.support.openbanking.OfbPartner.IdToken;
import io.github.kcconsent.it.support.openbanking.OfbPartner.Pushed;
import io.github.kcconsent.it.support.openbanking.OfbPartner.Tokens;
import io.github.kcconsent.it.support.openbanking.OfbPartner;
import io.github.kcconsent.it.support.openbanking.OfbProfileServerConfig;
import io.github.kcconsent.it.support.openbanking.TestPki;
import io.github.kcconsent.it.support.openbanking.TppClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The production-shaped realm ({@code realm-config/ofb-production-realm.json}) on HTTPS with mutual TLS: a partner
 * onboarded from the client template completes PAR → login → Permitir → {@code code id_token} in the fragment,
 * decrypts and verifies both ID tokens, and gets tokens bound to its transport certificate (RFC 8705). The same
 * tokens used with the other partner's certificate, or with none, are refused at the token endpoint, at userinfo,
 * at our Consents API and at introspection when the bank's resource server names the certificate it saw.
 */
@KeycloakIntegrationTest(config = OfbProfileServerConfig.class)
class OfbMutualTlsIT {

    static final String ACCOUNTS = "[\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\",\"RESOURCES_READ\"]";

    @InjectRealm(fromJson = OfbBank.REALM_JSON)
    ManagedRealm realm;

    OfbBank bank;
    OfbPartner partnerA;
    TestPki pki = TestPki.get();
    HttpClient overB;

    @BeforeEach
    void setUp() {
        bank = new OfbBank(realm);
        partnerA = OfbPartner.register(realm, "tpp-a", TestPki.PARTNER_A);
        overB = Http.client(pki.clientContext(TestPki.PARTNER_B));
    }

    /** A full authorization of a fresh consent by a fresh customer, as partner A: the callback and what PAR kept. */
    private record Authorised(Pushed pushed, Map<String, String> callback, String consentId) {
    }

    private Authorised authorise(String scope) {
        String consentId = partnerA.createConsent(ACCOUNTS);
        Pushed pushed = partnerA.push(scope.replace("{consent}", "consent:" + consentId));
        assertEquals(201, pushed.status(), pushed.response().body());
        Map<String, String> callback = partnerA.authorize(bank.browser(), pushed, bank.customer("mtls"));
        assertNotNull(callback.get("code"), callback.toString());
        return new Authorised(pushed, callback, consentId);
    }

    @Test
    void partnerCompletesTheHybridFlowAndItsTokensAreBoundToItsCertificate() {
        Authorised done = authorise("openid {consent}");
        Map<String, String> callback = done.callback();
        String code = callback.get("code");
        assertEquals(done.pushed().state(), callback.get("state"));
        assertEquals(partnerA.realmUrl, callback.get("iss"), "the issuer in the authorization response");
        assertNull(callback.get("access_token"), "code id_token: no access token in the front channel");

        // Front channel: encrypted to the partner's enc key, signed PS256 by the realm, acr, c_hash and s_hash.
        IdToken front = partnerA.idToken(callback.get("id_token"));
        assertTrue(front.encryptedAsTheProfileSays(partnerA.encryptionKey), front.jwe().getHeader().toString());
        assertTrue(front.signatureValid(), "signed by the realm's key");
        assertEquals("PS256", front.jws().getHeader().getAlgorithm().getName());
        assertTrue(front.noForbiddenHeaders());
        assertEquals(partnerA.realmUrl, front.claims().getIssuer());
        assertEquals(List.of(partnerA.clientId), front.claims().getAudience());
        assertEquals(done.pushed().nonce(), front.claim("nonce"));
        assertEquals(LOA2, front.claim("acr"));
        assertEquals(OfbPartner.halfHash(code), front.claim("c_hash"));
        assertEquals(OfbPartner.halfHash(done.pushed().state()), front.claim("s_hash"));

        // Back channel, with the partner's own certificate.
        Tokens tokens = partnerA.exchange(partnerA.http, code, done.pushed().verifier());
        assertEquals(200, tokens.status(), tokens.body().toString());
        IdToken back = partnerA.idToken(tokens.idToken());
        assertTrue(back.encryptedAsTheProfileSays(partnerA.encryptionKey));
        assertTrue(back.signatureValid());
        assertTrue(back.noForbiddenHeaders());
        assertEquals(LOA2, back.claim("acr"));
        assertEquals(front.claims().getSubject(), back.claims().getSubject());

        Map<String, Object> access = CustomerTokens.claims(tokens.accessToken());
        assertEquals(Map.of("x5t#S256", pki.thumbprint(TestPki.PARTNER_A)), access.get("cnf"), "bound to A's certificate");
        long lifetime = ((Number) access.get("exp")).longValue() - ((Number) access.get("iat")).longValue();
        assertTrue(lifetime >= 300 && lifetime <= 900, "access-token lifetime within 300–900 s: " + lifetime);
        assertTrue(((String) access.get("scope")).contains("consent:" + done.consentId()), (String) access.get("scope"));
        assertEquals(pki.thumbprint(TestPki.PARTNER_A),
                ((Map<?, ?>) CustomerTokens.claims(tokens.refreshToken()).get("cnf")).get("x5t#S256"), "the refresh token too");

        // The bank's resource server checks the binding: the certificate it saw, or its thumbprint.
        assertTrue(bank.active(tokens.accessToken(), "kcconsent_client_cert", pki.pem(TestPki.PARTNER_A)));
        assertTrue(bank.active(tokens.accessToken(), "kcconsent_client_cert_thumbprint", pki.thumbprint(TestPki.PARTNER_A)));
        assertFalse(bank.active(tokens.accessToken(), "kcconsent_client_cert", pki.pem(TestPki.PARTNER_B)));
        assertFalse(bank.active(tokens.accessToken(), "kcconsent_client_cert_thumbprint", pki.thumbprint(TestPki.PARTNER_B)));
        Map<String, Object> answer = OfbPartner.json(bank.introspect(tokens.accessToken()).body());
        assertEquals(Boolean.TRUE, answer.get("active"));
        assertEquals(Map.of("x5t#S256", pki.thumbprint(TestPki.PARTNER_A)), answer.get("cnf"), "cnf in the answer too");
        assertEquals(done.consentId(), ((Map<?, ?>) answer.get("consent")).get("consentId"));

        // Userinfo (Keycloak's holder-of-key check): A's certificate yes, B's no.
        assertEquals(200, partnerA.userinfo(partnerA.http, tokens.accessToken()).statusCode());
        assertEquals(401, partnerA.userinfo(overB, tokens.accessToken()).statusCode());

        // Refresh: with B's certificate or none refused; with A's it works and is not rotated.
        Tokens withB = partnerA.refresh(overB, tokens.refreshToken());
        assertEquals(400, withB.status(), withB.body().toString());
        assertEquals("invalid_grant", withB.error());
        Tokens withNone = partnerA.refresh(bank.anonymous, tokens.refreshToken());
        assertEquals(400, withNone.status(), withNone.body().toString());
        Tokens refreshed = partnerA.refresh(partnerA.http, tokens.refreshToken());
        assertEquals(200, refreshed.status(), refreshed.body().toString());
        assertNull(refreshed.refreshToken(), "refresh tokens are not rotated");
        assertEquals(Map.of("x5t#S256", pki.thumbprint(TestPki.PARTNER_A)), CustomerTokens.claims(refreshed.accessToken()).get("cnf"));
        IdToken afterRefresh = partnerA.idToken(refreshed.idToken());
        assertEquals(LOA2, afterRefresh.claim("acr"), "acr in the refreshed ID token too");
        assertTrue(afterRefresh.encryptedAsTheProfileSays(partnerA.encryptionKey));
    }

    @Test
    void theConsentsApiRefusesAPartnersTokenWithAnotherCertificateOrNone() {
        String consentId = partnerA.createConsent(ACCOUNTS);
        Tokens cc = partnerA.clientCredentials(partnerA.http, "consents");
        assertEquals(200, cc.status(), cc.body().toString());
        assertEquals(Map.of("x5t#S256", pki.thumbprint(TestPki.PARTNER_A)), CustomerTokens.claims(cc.accessToken()).get("cnf"));

        assertEquals(200, new TppClient(partnerA.realmUrl, partnerA.http).get(cc.accessToken(), consentId).status());
        TppClient.Reply withB = new TppClient(partnerA.realmUrl, overB).get(cc.accessToken(), consentId);
        assertEquals(401, withB.status(), withB.response().body());
        TppClient.Reply withNone = new TppClient(partnerA.realmUrl, bank.anonymous).get(cc.accessToken(), consentId);
        assertEquals(401, withNone.status(), withNone.response().body());
    }

    @Test
    void tokenRequestsWithoutAClientCertificateAreRefused() {
        Authorised done = authorise("openid {consent}");
        Tokens noCertificate = partnerA.exchange(bank.anonymous, done.callback().get("code"), done.pushed().verifier());
        assertEquals(400, noCertificate.status(), noCertificate.body().toString());
        assertEquals("Client Certification missing for MTLS HoK Token Binding", noCertificate.body().get("error_description"));
        assertNull(noCertificate.accessToken());

        Tokens clientCredentials = partnerA.clientCredentials(bank.anonymous, "consents");
        assertEquals(400, clientCredentials.status(), clientCredentials.body().toString());
        assertEquals("Client Certification missing for MTLS HoK Token Binding", clientCredentials.body().get("error_description"));
        assertNull(clientCredentials.accessToken());
    }

    @Test
    void aCertificateFromOutsideTheTrustedChainIsRefusedInTheHandshake() {
        HttpClient outsider = Http.client(pki.clientContext(TestPki.OUTSIDER));
        assertThrows(UncheckedIOException.class, () -> Http.send(outsider, HttpRequest.newBuilder(
                URI.create(partnerA.realmUrl + "/.well-known/openid-configuration")).GET().build()));
    }

    @Test
    void introspectionRefusesAnUnreadableCertificateParameter() {
        Tokens cc = partnerA.clientCredentials(partnerA.http, "consents");
        assertEquals(200, cc.status(), cc.body().toString());
        for (String[] bad : new String[][]{
                {"kcconsent_client_cert", "not a certificate"},
                {"kcconsent_client_cert_thumbprint", "too-short"},
        }) {
            HttpResponse<String> response = bank.introspect(cc.accessToken(), bad);
            assertEquals(400, response.statusCode(), response.body());
            assertEquals("invalid_request", OfbPartner.json(response.body()).get("error"), response.body());
        }
        HttpResponse<String> both = bank.introspect(cc.accessToken(), "kcconsent_client_cert", pki.pem(TestPki.PARTNER_A),
                "kcconsent_client_cert_thumbprint", pki.thumbprint(TestPki.PARTNER_A));
        assertEquals(400, both.statusCode(), both.body());
    }

    @Test
    void aBrowserWithoutACertificateStillReachesTheLoginPage() {
        String consentId = partnerA.createConsent(ACCOUNTS);
        Pushed pushed = partnerA.push("openid consent:" + consentId);
        assertEquals(201, pushed.status(), pushed.response().body());
        BrowserSession browser = bank.browser().open(partnerA.authorizeUrl(pushed.requestUri()));
        assertTrue(browser.showsForm("kc-form-login"), browser.page.body());
    }
}
