package io.github.kcconsent.it.fapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.github.kcconsent.it.support.openbanking.OfbBank;
import io.github.kcconsent.it.support.openbanking.OfbPartner.Pushed;
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
 * Request objects the profile refuses, after the OpenID conformance suite's FAPI 1.0 Advanced (final) server modules
 * (written from their public descriptions; module names in each test's comment). Every one is refused at PAR, before
 * a {@code request_uri} is handed out, with {@code invalid_request} or {@code invalid_request_object}, and leaves
 * the consent awaiting authorisation. Each test starts from the valid request object
 * ({@link #theValidRequestObjectIsAcceptedAtPar}) and breaks exactly one thing.
 */
@KeycloakIntegrationTest(config = OfbProfileServerConfig.class)
class OfbRequestObjectIT {

    static final Set<String> PAR_ERRORS = Set.of("invalid_request", "invalid_request_object");

    @InjectRealm(fromJson = OfbBank.REALM_JSON)
    ManagedRealm realm;

    OfbPartner partner;
    String scope;
    String consentId;

    @BeforeEach
    void setUp() {
        new OfbBank(realm);
        partner = OfbPartner.register(realm, "tpp-ro", TestPki.PARTNER_A);
        consentId = partner.createConsent(OfbMutualTlsIT.ACCOUNTS);
        scope = "openid consent:" + consentId;
    }

    private Pushed push(Consumer<JWTClaimsSet.Builder> edit) {
        return partner.push(scope, edit, JWSAlgorithm.PS256, partner.signingKey);
    }

    private void refusedAtPar(Pushed pushed) {
        assertEquals(400, pushed.status(), pushed.response().body());
        assertTrue(PAR_ERRORS.contains(pushed.error()), pushed.response().body());
        assertNull(pushed.requestUri(), "no request_uri for a refused request");
        TppClient tpp = new TppClient(partner.realmUrl, partner.http);
        String token = tpp.privateKeyJwtToken(partner.clientId, partner.signingKey, "consents");
        assertEquals("AWAITING_AUTHORISATION", tpp.get(token, consentId).data().path("status").asText(),
                "a refused request changes nothing");
    }

    private static Date minutesFromNow(long minutes) {
        return Date.from(Instant.now().plus(Duration.ofMinutes(minutes)));
    }

    @Test
    void theValidRequestObjectIsAcceptedAtPar() {
        Pushed pushed = push(claims -> { });
        assertEquals(201, pushed.status(), pushed.response().body());
        assertTrue(pushed.requestUri().startsWith("urn:ietf:params:oauth:request_uri:"), pushed.requestUri());
    }

    @Test // fapi1-advanced-final-ensure-expired-request-object-fails
    void anExpiredRequestObjectIsRefused() {
        refusedAtPar(push(c -> c.issueTime(minutesFromNow(-10)).notBeforeTime(minutesFromNow(-10)).expirationTime(minutesFromNow(-1))));
    }

    @Test // (nbf in the future: the request object is not valid yet)
    void aRequestObjectNotValidYetIsRefused() {
        refusedAtPar(push(c -> c.notBeforeTime(minutesFromNow(10)).expirationTime(minutesFromNow(15))));
    }

    @Test // fapi1-advanced-final-ensure-request-object-with-nbf-over-60-fails
    void aRequestObjectWithNbfOverSixtyMinutesInThePastIsRefused() {
        refusedAtPar(push(c -> c.issueTime(minutesFromNow(-61)).notBeforeTime(minutesFromNow(-61)).expirationTime(minutesFromNow(4))));
    }

    @Test // fapi1-advanced-final-ensure-request-object-with-exp-over-60-fails
    void aRequestObjectLivingOverSixtyMinutesIsRefused() {
        refusedAtPar(push(c -> c.expirationTime(minutesFromNow(61))));
    }

    @Test // fapi1-advanced-final-ensure-request-object-with-bad-aud-fails
    void aRequestObjectForAnotherAudienceIsRefused() {
        refusedAtPar(push(c -> c.audience("https://another-bank.example.com/realms/open-finance")));
    }

    @Test // fapi1-advanced-final-par-pushed-authorization-url-as-audience-in-request-object
    void aRequestObjectAddressedToThePushedAuthorizationEndpointIsRefused() {
        refusedAtPar(push(c -> c.audience(partner.realmUrl + "/protocol/openid-connect/ext/par/request")));
    }

    @Test // fapi1-advanced-final-ensure-signed-request-object-with-RS256-fails
    void aRequestObjectSignedWithRs256IsRefused() {
        refusedAtPar(partner.push(scope, c -> { }, JWSAlgorithm.RS256, partner.signingKey));
    }

    @Test // fapi1-advanced-final-ensure-request-object-signature-algorithm-is-not-none
    void anUnsignedRequestObjectIsRefused() {
        JWTClaimsSet claims = partner.requestObject(scope, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                OfbPartner.challenge("verifier-" + UUID.randomUUID())).build();
        refusedAtPar(partner.pushSigned(new PlainJWT(claims).serialize(), Map.of(), null, null, null));
    }

    @Test // fapi1-advanced-final-ensure-request-object-with-invalid-signature-fails
    void aRequestObjectWithABrokenSignatureIsRefused() {
        String verifier = "verifier-" + UUID.randomUUID();
        String signed = OfbPartner.sign(partner.requestObject(scope, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                OfbPartner.challenge(verifier)).build(), JWSAlgorithm.PS256, partner.signingKey);
        String[] parts = signed.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        String tampered = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        refusedAtPar(partner.pushSigned(tampered, Map.of(), verifier, null, null));
    }

    @Test // fapi1-advanced-final-ensure-matching-key-in-authorization-request
    void aRequestObjectSignedWithAnotherPartnersKeyIsRefused() {
        OfbPartner other = OfbPartner.register(realm, "tpp-other", TestPki.PARTNER_B);
        refusedAtPar(partner.push(scope, c -> { }, JWSAlgorithm.PS256, other.signingKey));
    }

    @Test // fapi1-advanced-final-ensure-request-object-without-exp-fails
    void aRequestObjectWithoutExpIsRefused() {
        refusedAtPar(push(c -> c.expirationTime(null)));
    }

    @Test // fapi1-advanced-final-ensure-request-object-without-nbf-fails
    void aRequestObjectWithoutNbfIsRefused() {
        refusedAtPar(push(c -> c.notBeforeTime(null)));
    }

    @Test // fapi1-advanced-final-ensure-request-object-without-scope-fails (scope only outside the request object)
    void aRequestObjectWithoutScopeIsRefusedEvenWithScopeInTheForm() {
        String verifier = "verifier-" + UUID.randomUUID();
        JWTClaimsSet.Builder claims = partner.requestObject(scope, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                OfbPartner.challenge(verifier)).claim("scope", null);
        refusedAtPar(partner.pushSigned(OfbPartner.sign(claims.build(), JWSAlgorithm.PS256, partner.signingKey),
                Map.of("scope", scope), verifier, null, null));
    }

    @Test // fapi1-advanced-final-ensure-request-object-without-nonce-fails
    void aRequestObjectWithoutNonceIsRefused() {
        refusedAtPar(push(c -> c.claim("nonce", null)));
    }

    @Test // fapi1-advanced-final-par-ensure-pkce-required
    void aPushedRequestWithoutPkceIsRefused() {
        refusedAtPar(push(c -> c.claim("code_challenge", null).claim("code_challenge_method", null)));
    }

    @Test // fapi1-advanced-final-par-plain-pkce-rejected
    void aPushedRequestWithPlainPkceIsRefused() {
        refusedAtPar(push(c -> c.claim("code_challenge", "plain-verifier-" + UUID.randomUUID()).claim("code_challenge_method", "plain")));
    }

    @Test // fapi1-advanced-final-ensure-response-type-code-fails
    void responseTypeCodeIsRefusedWhereTheHybridFlowIsRequired() {
        refusedAtPar(push(c -> c.claim("response_type", "code")));
    }

    @Test // JARM (response_type=code, response_mode=jwt) left the single OFB profile
    void jarmIsRefused() {
        refusedAtPar(push(c -> c.claim("response_type", "code").claim("response_mode", "jwt")));
    }

    @Test // fapi1-advanced-final-ensure-response-mode-query, and form_post: the profile answers in the fragment
    void aResponseModeOtherThanFragmentIsRefused() {
        refusedAtPar(push(c -> c.claim("response_mode", "query")));
        refusedAtPar(push(c -> c.claim("response_mode", "form_post")));
    }

    @Test // fapi1-advanced-final-ensure-authorization-request-without-request-object-fails
    void aPushedRequestWithoutARequestObjectIsRefused() {
        String verifier = "verifier-" + UUID.randomUUID();
        refusedAtPar(new Pushed(OfbPartner.post(partner.http, partner.realmUrl + "/protocol/openid-connect/ext/par/request",
                Map.of("client_id", partner.clientId, "client_assertion_type", OfbPartner.ASSERTION_TYPE,
                        "client_assertion", partner.clientAssertion(), "response_type", "code id_token",
                        "redirect_uri", partner.redirectUri, "scope", scope, "state", UUID.randomUUID().toString(),
                        "nonce", UUID.randomUUID().toString(), "code_challenge", OfbPartner.challenge(verifier),
                        "code_challenge_method", "S256")), verifier, null, null));
    }

    @Test // fapi1-advanced-final-ensure-registered-redirect-uri
    void anUnregisteredRedirectUriIsRefused() {
        refusedAtPar(push(c -> c.claim("redirect_uri", "https://attacker.example.com/callback")));
    }
}
