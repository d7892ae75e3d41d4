package io.github.kcconsent.openbanking.jws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.kcconsent.link.validation.PublicKeyResolver;
import io.github.kcconsent.openbanking.api.ApiError;
import org.junit.jupiter.api.Test;

class SignedRequestVerifierTest {

    private static final String AUDIENCE = "https://bank.example/realms/r/open-banking/payments/v4/consents";
    private static final String ISSUER = "b961c4eb-509d-4edf-afeb-35642b38185d";
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final KeyPair PARTNER = rsa(2048);
    private static final KeyPair OTHER = rsa(2048);
    private static final String KID = "partner-sig";

    /** The partner's registered keys: only PARTNER's, under KID. */
    private static final PublicKeyResolver REGISTERED = (kid, alg) -> KID.equals(kid) ? List.of(PARTNER.getPublic()) : List.of();

    @Test
    void aMessageSignedWithTheRegisteredKeyAndRightClaimsIsAccepted() {
        String jti = UUID.randomUUID().toString();
        VerifiedRequest verified = verify(sign(PARTNER, header(), claims(jti)));
        assertEquals(jti, verified.jti());
        assertEquals(NOW.getEpochSecond(), verified.issuedAt().getEpochSecond());
        assertEquals("BRL", verified.data().get("currency").textValue());
    }

    @Test
    void anAudienceArrayHoldingTheEndpointIsAccepted() {
        Map<String, Object> claims = claims(UUID.randomUUID().toString());
        claims.put("aud", List.of("https://elsewhere.example", AUDIENCE));
        verify(sign(PARTNER, header(), claims));
    }

    @Test
    void anIatExactlySixtySecondsAwayIsAccepted() {
        Map<String, Object> early = claims(UUID.randomUUID().toString());
        early.put("iat", NOW.getEpochSecond() - 60);
        verify(sign(PARTNER, header(), early));
        Map<String, Object> late = claims(UUID.randomUUID().toString());
        late.put("iat", NOW.getEpochSecond() + 60);
        verify(sign(PARTNER, header(), late));
    }

    @Test
    void aPlainJsonBodyIsABadSignature() {
        assertBadSignature("{\"data\":{\"currency\":\"BRL\"}}");
    }

    @Test
    void anEmptyOrOversizedBodyIsABadSignature() {
        assertBadSignature("");
        assertBadSignature(null);
        assertBadSignature("a".repeat(SignedRequestVerifier.MAX_LENGTH + 1));
    }

    @Test
    void anUnsignedTokenIsABadSignature() {
        String unsigned = b64("{\"alg\":\"none\"}") + "." + b64(json(claims(UUID.randomUUID().toString()))) + ".";
        assertBadSignature(unsigned);
    }

    @Test
    void algNoneWithASignaturePartIsABadSignature() {
        String signed = sign(PARTNER, header(), claims(UUID.randomUUID().toString()));
        String[] parts = signed.split("\\.");
        assertBadSignature(b64("{\"alg\":\"none\",\"kid\":\"" + KID + "\"}") + "." + parts[1] + "." + parts[2]);
    }

    @Test
    void rs256IsABadSignatureEvenWithTheRegisteredKey() {
        JWSHeader rs256 = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KID).type(JOSEObjectType.JWT).build();
        assertBadSignature(sign(PARTNER, rs256, claims(UUID.randomUUID().toString())));
    }

    @Test
    void hs256IsABadSignature() throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KID).build(),
                new Payload(claims(UUID.randomUUID().toString())));
        jws.sign(new MACSigner(new byte[32]));
        assertBadSignature(jws.serialize());
    }

    @Test
    void aMessageSignedWithAnotherKeyIsABadSignature() {
        assertBadSignature(sign(OTHER, header(), claims(UUID.randomUUID().toString())));
    }

    @Test
    void aKidThatIsNotRegisteredIsABadSignature() {
        JWSHeader unknown = new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("unknown").type(JOSEObjectType.JWT).build();
        assertBadSignature(sign(PARTNER, unknown, claims(UUID.randomUUID().toString())));
    }

    @Test
    void aMessageWithoutKidIsABadSignature() {
        JWSHeader noKid = new JWSHeader.Builder(JWSAlgorithm.PS256).type(JOSEObjectType.JWT).build();
        assertBadSignature(sign(PARTNER, noKid, claims(UUID.randomUUID().toString())));
    }

    @Test
    void aKeyInTheHeaderIsABadSignatureEvenWhenItVerifies() {
        RSAKey embedded = new RSAKey.Builder((RSAPublicKey) OTHER.getPublic()).build();
        JWSHeader withJwk = new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(KID).jwk(embedded).build();
        assertBadSignature(sign(OTHER, withJwk, claims(UUID.randomUUID().toString())));
    }

    @Test
    void anotherTypIsABadSignature() {
        JWSHeader typ = new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(KID).type(new JOSEObjectType("JOSE+JSON")).build();
        assertBadSignature(sign(PARTNER, typ, claims(UUID.randomUUID().toString())));
    }

    @Test
    void aTamperedPayloadIsABadSignature() {
        String signed = sign(PARTNER, header(), claims(UUID.randomUUID().toString()));
        String[] parts = signed.split("\\.");
        Map<String, Object> changed = claims(UUID.randomUUID().toString());
        changed.put("data", Map.of("currency", "USD"));
        assertBadSignature(parts[0] + "." + b64(json(changed)) + "." + parts[2]);
    }

    @Test
    void aRegisteredKeyShorterThan2048BitsIsNeverUsed() {
        KeyPair small = rsa(1024);
        PublicKeyResolver registered = (kid, alg) -> List.of(small.getPublic());
        String signed = signWithJca(small, header(), claims(UUID.randomUUID().toString()));
        ApiError error = assertThrows(ApiError.class,
                () -> SignedRequestVerifier.verify(signed, registered, AUDIENCE, ISSUER, NOW));
        assertEquals("BAD_SIGNATURE", error.code());
    }

    @Test
    void aPayloadWithDuplicateMembersIsABadSignature() throws Exception {
        String payload = "{\"aud\":\"" + AUDIENCE + "\",\"iss\":\"" + ISSUER + "\",\"iat\":" + NOW.getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\",\"data\":{\"amount\":\"1.00\"},\"data\":{\"amount\":\"9.00\"}}";
        JWSObject jws = new JWSObject(header(), new Payload(payload));
        jws.sign(new RSASSASigner(PARTNER.getPrivate()));
        assertBadSignature(jws.serialize());
    }

    @Test
    void anotherAudienceIsRefusedAsInvalidClaims() {
        Map<String, Object> claims = claims(UUID.randomUUID().toString());
        claims.put("aud", AUDIENCE + "/other");
        assertInvalidClaims(sign(PARTNER, header(), claims));
        claims.remove("aud");
        assertInvalidClaims(sign(PARTNER, header(), claims));
    }

    @Test
    void anotherIssuerIsRefusedAsInvalidClaims() {
        Map<String, Object> claims = claims(UUID.randomUUID().toString());
        claims.put("iss", "someone-else");
        assertInvalidClaims(sign(PARTNER, header(), claims));
    }

    @Test
    void aStaleOrFutureIatIsRefusedAsInvalidClaims() {
        Map<String, Object> stale = claims(UUID.randomUUID().toString());
        stale.put("iat", NOW.getEpochSecond() - 61);
        assertInvalidClaims(sign(PARTNER, header(), stale));
        Map<String, Object> future = claims(UUID.randomUUID().toString());
        future.put("iat", NOW.getEpochSecond() + 61);
        assertInvalidClaims(sign(PARTNER, header(), future));
        Map<String, Object> text = claims(UUID.randomUUID().toString());
        text.put("iat", String.valueOf(NOW.getEpochSecond()));
        assertInvalidClaims(sign(PARTNER, header(), text));
    }

    @Test
    void aMissingOrNonUuidJtiIsRefusedAsInvalidClaims() {
        assertInvalidClaims(sign(PARTNER, header(), claims(null)));
        assertInvalidClaims(sign(PARTNER, header(), claims("not-a-uuid")));
    }

    private static void assertBadSignature(String body) {
        ApiError error = assertThrows(ApiError.class, () -> verify(body));
        assertEquals(400, error.status());
        assertEquals("BAD_SIGNATURE", error.code());
    }

    private static void assertInvalidClaims(String body) {
        ApiError error = assertThrows(ApiError.class, () -> verify(body));
        assertEquals(403, error.status());
        assertEquals("INVALID_CLIENT", error.code());
    }

    private static VerifiedRequest verify(String body) {
        return SignedRequestVerifier.verify(body, REGISTERED, AUDIENCE, ISSUER, NOW);
    }

    private static JWSHeader header() {
        return new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(KID).type(JOSEObjectType.JWT).build();
    }

    private static Map<String, Object> claims(String jti) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", AUDIENCE);
        claims.put("iss", ISSUER);
        claims.put("iat", NOW.getEpochSecond());
        if (jti != null) {
            claims.put("jti", jti);
        }
        claims.put("data", Map.of("currency", "BRL", "amount", "100.00"));
        return claims;
    }

    private static String sign(KeyPair key, JWSHeader header, Map<String, Object> claims) {
        try {
            JWSObject jws = new JWSObject(header, new Payload(claims));
            jws.sign(new RSASSASigner(key.getPrivate()));
            return jws.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Nimbus refuses to sign with a short key; the JCA does not, as a careless partner's library might. */
    private static String signWithJca(KeyPair key, JWSHeader header, Map<String, Object> claims) {
        try {
            String input = header.toBase64URL() + "." + b64(json(claims));
            Signature pss = Signature.getInstance("RSASSA-PSS");
            pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            pss.initSign(key.getPrivate());
            pss.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(pss.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, Object> claims) {
        return new Payload(claims).toString();
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
