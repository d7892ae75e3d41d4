package io.github.kcconsent.link.validation;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.PlainObject;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.kcconsent.link.validation.LinkFixture.AUDIENCE;
import static io.github.kcconsent.link.validation.LinkFixture.CLIENT_ID;
import static io.github.kcconsent.link.validation.LinkFixture.KID;
import static io.github.kcconsent.link.validation.LinkFixture.NOW;
import static io.github.kcconsent.link.validation.LinkFixture.OTHER_KEY;
import static io.github.kcconsent.link.validation.LinkFixture.PARTNER_KEY;
import static io.github.kcconsent.link.validation.LinkFixture.REDIRECT_URI;
import static io.github.kcconsent.link.validation.LinkFixture.b64;
import static io.github.kcconsent.link.validation.LinkFixture.claims;
import static io.github.kcconsent.link.validation.LinkFixture.header;
import static io.github.kcconsent.link.validation.LinkFixture.sign;
import static io.github.kcconsent.link.validation.LinkFixture.signRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsentLinkValidatorTest {

    private static final String CPF = "52998224725";

    private LinkFixture f;

    @BeforeEach
    void setUp() {
        f = new LinkFixture();
    }

    /** Asserts the error, and that the message names it without echoing the token or personal data. */
    private ConsentLinkException assertRejected(ConsentLinkError expected, String jwt) {
        return assertRejected(expected, jwt, () -> f.validate(jwt));
    }

    private ConsentLinkException assertRejected(ConsentLinkError expected, String jwt, Runnable call) {
        ConsentLinkException e = assertThrows(ConsentLinkException.class, call::run);
        assertEquals(expected, e.error(), () -> "expected " + expected + " but got " + e.error() + " (" + e.getMessage() + ")");
        assertTrue(e.getMessage().startsWith(expected.eventError()), e.getMessage());
        assertFalse(e.getMessage().contains(CPF), "message leaks session metadata");
        if (jwt != null && jwt.length() > 8) {
            for (String part : jwt.split("\\.")) {
                if (part.length() > 8) {
                    assertFalse(e.getMessage().contains(part), "message leaks the token");
                }
            }
        }
        assertEquals(0, e.getStackTrace().length, "refusals carry no stack trace");
        assertNull(e.getCause());
        return e;
    }

    private static Map<String, Object> with(String claim, Object value) {
        Map<String, Object> c = claims();
        c.put(claim, value);
        return c;
    }

    private static Map<String, Object> without(String claim) {
        Map<String, Object> c = claims();
        c.remove(claim);
        return c;
    }

    // ---------------------------------------------------------------------------------------------------

    @Nested
    class ValidLinks {

        @Test
        void rs256LinkPassesWithEveryField() {
            Map<String, Object> claims = claims();
            String jwt = sign(claims);

            ValidatedConsentLink link = f.validate(jwt);

            assertEquals(CLIENT_ID, link.clientId());
            assertEquals(REDIRECT_URI, link.redirectUri());
            assertEquals("{\"zeta\":\"last key first\",\"cpf\":\"52998224725\",\"nested\":{\"b\":1}}",
                    link.sessionMetadataJson(), "compact, key order preserved");
            assertEquals(claims.get("jti"), link.jti());
            assertEquals(NOW.minusSeconds(10), link.issuedAt());
            assertEquals(NOW.plusSeconds(600), link.expiresAt());
            assertEquals("RS256", link.algorithm());
            assertEquals(KID, link.kid());
            assertEquals(1, f.resolver.calls.get());
            assertEquals(KID, f.resolver.lastKid);
            assertEquals(JWSAlgorithm.RS256, f.resolver.lastAlg);
            assertEquals(1, f.replayGuard.calls.get());
            assertEquals(NOW.plusSeconds(600).plusSeconds(30), f.replayGuard.seen.get(CLIENT_ID + "\n" + link.jti()),
                    "the jti is remembered until exp + skew, the last moment the link is still accepted");
        }

        @Test
        void ps256LinkPassesWhenAllowed() {
            f.policy = f.policy.withAllowedAlgorithms(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256));
            String jwt = sign(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(KID).type(JOSEObjectType.JWT).build(),
                    claims(), PARTNER_KEY);

            ValidatedConsentLink link = f.validate(jwt);

            assertEquals("PS256", link.algorithm());
            assertEquals(JWSAlgorithm.PS256, f.resolver.lastAlg);
        }

        @Test
        void linkWithoutKidIsVerifiedAgainstEveryRegisteredKey() {
            f.resolver.register("older-key", OTHER_KEY);
            String jwt = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims(), PARTNER_KEY);

            ValidatedConsentLink link = f.validate(jwt);

            assertNull(link.kid());
            assertNull(f.resolver.lastKid);
        }

        @Test
        void anyOfSeveralKeysForTheKidMayVerify() {
            f.resolver.register(KID, OTHER_KEY);
            String jwt = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KID).build(), claims(), OTHER_KEY);

            assertEquals(KID, f.validate(jwt).kid());
        }

        @ParameterizedTest
        @ValueSource(strings = {"JWT", "jwt"})
        void typJwtIsAccepted(String typ) {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("typ", typ);
            f.validate(signRaw(header, claims(), PARTNER_KEY));
        }

        @Test
        void absentTypIsAccepted() {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.remove("typ");
            f.validate(signRaw(header, claims(), PARTNER_KEY));
        }

        @Test
        void audienceArrayContainingUsPasses() {
            f.validate(sign(with("aud", List.of("https://someone.else", AUDIENCE))));
        }

        @Test
        void fractionalNumericDatesAreTruncated() {
            Map<String, Object> c = claims();
            c.put("iat", NOW.getEpochSecond() - 10.75);
            assertEquals(NOW.minusSeconds(11), f.validate(sign(c)).issuedAt());
        }

        @Test
        void toStringOmitsSessionMetadata() {
            ValidatedConsentLink link = f.validate(sign(claims()));
            assertFalse(link.toString().contains(CPF));
            assertTrue(link.toString().contains("<redacted>"));
        }
    }

    @Nested
    class Algorithms {

        @Test
        void hs256SignedWithASecretIsRefusedBeforeAnyKeyIsResolved() throws JOSEException {
            byte[] secret = new byte[32];
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KID).build(),
                    new Payload(claims()));
            jws.sign(new MACSigner(secret));

            assertRejected(ConsentLinkError.ALGORITHM_NOT_ALLOWED, jws.serialize());
            assertEquals(0, f.resolver.calls.get());
        }

        @Test
        void unsecuredTokenIsRefused() {
            String jwt = new PlainObject(new PlainHeader(), new Payload(claims())).serialize();
            assertTrue(jwt.endsWith("."));

            assertRejected(ConsentLinkError.ALGORITHM_NOT_ALLOWED, jwt);
            assertEquals(0, f.resolver.calls.get());
        }

        @ParameterizedTest
        @ValueSource(strings = {"none", "None", "NONE"})
        void noneInAnySpellingIsRefusedEvenWithASignaturePart(String alg) {
            String jwt = b64("{\"alg\":\"" + alg + "\"}") + "." + b64(JSONObjectUtils.toJSONString(claims())) + ".c2ln";
            assertRejected(ConsentLinkError.ALGORITHM_NOT_ALLOWED, jwt);
        }

        @Test
        void es256IsRefusedWhenNotAllowed() throws JOSEException {
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(KID).generate();
            f.resolver.register(KID, ec.toECPublicKey());
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(KID).build(),
                    new Payload(claims()));
            jws.sign(new ECDSASigner(ec));

            assertRejected(ConsentLinkError.ALGORITHM_NOT_ALLOWED, jws.serialize());
            assertEquals(0, f.resolver.calls.get());
        }

        @Test
        void ps256IsRefusedUnderTheDefaultPolicy() {
            String jwt = sign(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(KID).build(), claims(), PARTNER_KEY);
            assertRejected(ConsentLinkError.ALGORITHM_NOT_ALLOWED, jwt);
        }

        @Test
        void rs512IsRefusedWhenNotListed() {
            String jwt = sign(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID(KID).build(), claims(), PARTNER_KEY);
            assertRejected(ConsentLinkError.ALGORITHM_NOT_ALLOWED, jwt);
        }

        @Test
        void algIsCaseSensitive() {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("alg", "rs256");
            assertRejected(ConsentLinkError.ALGORITHM_NOT_ALLOWED, signRaw(header(JWSAlgorithm.RS256), claims(), PARTNER_KEY)
                    .replaceFirst("^[^.]+", b64(JSONObjectUtils.toJSONString(header))));
        }

        @Test
        void missingOrNonStringAlgIsMalformed() {
            String payload = b64(JSONObjectUtils.toJSONString(claims()));
            assertRejected(ConsentLinkError.MALFORMED, b64("{\"kid\":\"k\"}") + "." + payload + ".c2ln");
            assertRejected(ConsentLinkError.MALFORMED, b64("{\"alg\":256}") + "." + payload + ".c2ln");
        }
    }

    @Nested
    class HeaderKeys {

        private void assertHeaderKeyRefused(Map<String, Object> header) {
            Map<String, Object> claims = claims();
            String jwt = signRaw(header, claims, PARTNER_KEY);

            assertRejected(ConsentLinkError.HEADER_KEY_FORBIDDEN, jwt);
            assertEquals(0, f.resolver.calls.get(), "the resolver must not be consulted");
            assertEquals(0, f.replayGuard.calls.get());
            assertFalse(f.replayGuard.burned((String) claims.get("jti")));

            // The same claims with a clean header still pass: the jti was not burned.
            assertEquals(claims.get("jti"), f.validate(signRaw(header(JWSAlgorithm.RS256), claims, PARTNER_KEY)).jti());
        }

        @Test
        void embeddedJwkIsRefusedEvenWhenItIsTheRegisteredKey() {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("jwk", PARTNER_KEY.toPublicJWK().toJSONObject());
            assertHeaderKeyRefused(header);
        }

        @Test
        void attackerJwkSigningWithItsOwnKeyIsRefused() {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("jwk", OTHER_KEY.toPublicJWK().toJSONObject());
            String jwt = signRaw(header, claims(), OTHER_KEY);

            assertRejected(ConsentLinkError.HEADER_KEY_FORBIDDEN, jwt);
            assertEquals(0, f.resolver.calls.get());
        }

        @Test
        void jkuIsRefusedAndNeverFetched() {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("jku", "https://attacker.example/jwks.json");
            assertHeaderKeyRefused(header);
        }

        @Test
        void x5uIsRefused() {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("x5u", "https://attacker.example/cert.pem");
            assertHeaderKeyRefused(header);
        }

        @Test
        void x5cIsRefused() {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("x5c", List.of(Base64.getEncoder().encodeToString("not really a cert".getBytes(StandardCharsets.UTF_8))));
            assertHeaderKeyRefused(header);
        }

        @Test
        void evenANullJwkIsRefused() {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("jwk", null);
            assertHeaderKeyRefused(header);
        }
    }

    @Nested
    class OtherHeaderParameters {

        @ParameterizedTest
        @ValueSource(strings = {"at+jwt", "JOSE", "application/jwt+xml", ""})
        void typOtherThanJwtIsMalformed(String typ) {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("typ", typ);
            assertRejected(ConsentLinkError.MALFORMED, signRaw(header, claims(), PARTNER_KEY));
            assertEquals(0, f.resolver.calls.get());
        }

        @Test
        void nonStringTypIsMalformed() {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("typ", 1L);
            assertRejected(ConsentLinkError.MALFORMED, signRaw(header, claims(), PARTNER_KEY));
        }

        @Test
        void critIsMalformed() {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("crit", List.of("exp"));
            assertRejected(ConsentLinkError.MALFORMED, signRaw(header, claims(), PARTNER_KEY));
            assertEquals(0, f.resolver.calls.get());
        }

        @Test
        void unencodedPayloadOptionIsMalformed() {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("b64", false);
            header.put("crit", List.of("b64"));
            assertRejected(ConsentLinkError.MALFORMED, signRaw(header, claims(), PARTNER_KEY));
        }

        @Test
        void nonStringKidIsMalformed() {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("kid", 7L);
            assertRejected(ConsentLinkError.MALFORMED, signRaw(header, claims(), PARTNER_KEY));
        }
    }

    @Nested
    class KeysAndSignatures {

        @Test
        void alteredPayloadFailsTheSignature() {
            Map<String, Object> claims = claims();
            String[] parts = sign(claims).split("\\.");
            claims.put("redirect_uri", "https://partner.example/other");
            String tampered = parts[0] + "." + b64(JSONObjectUtils.toJSONString(claims)) + "." + parts[2];

            assertRejected(ConsentLinkError.BAD_SIGNATURE, tampered);
            assertFalse(f.replayGuard.burned((String) claims.get("jti")));
        }

        @Test
        void alteredSignatureFails() {
            String jwt = sign(claims());
            char last = jwt.charAt(jwt.length() - 10);
            String tampered = jwt.substring(0, jwt.length() - 10) + (last == 'A' ? 'B' : 'A') + jwt.substring(jwt.length() - 9);
            assertRejected(ConsentLinkError.BAD_SIGNATURE, tampered);
        }

        @Test
        void truncatedSignatureFails() {
            String jwt = sign(claims());
            assertRejected(ConsentLinkError.BAD_SIGNATURE, jwt.substring(0, jwt.length() - 4));
        }

        @Test
        void linkSignedByAnotherKeyWithTheRegisteredKidFails() {
            String jwt = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KID).build(), claims(), OTHER_KEY);
            assertRejected(ConsentLinkError.BAD_SIGNATURE, jwt);
        }

        @Test
        void unknownKidHasNoKey() {
            String jwt = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("unknown").build(), claims(), PARTNER_KEY);
            assertRejected(ConsentLinkError.UNKNOWN_KEY, jwt);
            assertEquals("unknown", f.resolver.lastKid);
        }

        @Test
        void nullFromTheResolverIsNoKey() {
            String jwt = sign(claims());
            ConsentLinkValidator v = new ConsentLinkValidator(f.policy, (kid, alg) -> null, f.replayGuard, () -> NOW);
            assertRejected(ConsentLinkError.UNKNOWN_KEY, jwt, () -> v.validate(CLIENT_ID, "consent", jwt, f.client));
        }

        @Test
        void rsaKeysShorterThan2048BitsAndNonRsaKeysAreNotUsed() throws Exception {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(1024);
            PublicKey weak = gen.generateKeyPair().getPublic();
            PublicKey ec = new ECKeyGenerator(Curve.P_256).generate().toECPublicKey();
            String jwt = sign(claims());
            ConsentLinkValidator v = new ConsentLinkValidator(f.policy, (kid, alg) -> List.of(weak, ec),
                    f.replayGuard, () -> NOW);
            assertRejected(ConsentLinkError.UNKNOWN_KEY, jwt, () -> v.validate(CLIENT_ID, "consent", jwt, f.client));
        }
    }

    @Nested
    class Time {

        private Map<String, Object> times(long iatOffset, long nbfOffset, long expOffset) {
            Map<String, Object> c = claims();
            c.put("iat", NOW.getEpochSecond() + iatOffset);
            c.put("nbf", NOW.getEpochSecond() + nbfOffset);
            c.put("exp", NOW.getEpochSecond() + expOffset);
            return c;
        }

        @Test
        void expiredBeyondSkewIsRefused() {
            assertRejected(ConsentLinkError.EXPIRED, sign(times(-600, -600, -31)));
        }

        @Test
        void expiryExactlyAtTheSkewBoundaryIsRefused() {
            assertRejected(ConsentLinkError.EXPIRED, sign(times(-600, -600, -30)));
        }

        @Test
        void expiryWithinTheSkewIsTolerated() {
            f.validate(sign(times(-600, -600, -29)));
        }

        @Test
        void nbfBeyondSkewIsNotYetValid() {
            assertRejected(ConsentLinkError.NOT_YET_VALID, sign(times(0, 31, 600)));
        }

        @Test
        void nbfWithinSkewIsTolerated() {
            f.validate(sign(times(0, 30, 600)));
        }

        @Test
        void iatInTheFutureIsNotYetValid() {
            assertRejected(ConsentLinkError.NOT_YET_VALID, sign(times(31, 0, 600)));
        }

        @Test
        void lifetimeOverTwoHoursIsRefused() {
            assertRejected(ConsentLinkError.LIFETIME_TOO_LONG, sign(times(0, 0, 2 * 3600 + 1)));
        }

        @Test
        void lifetimeOfExactlyTwoHoursPasses() {
            f.validate(sign(times(0, 0, 2 * 3600)));
        }

        @Test
        void lowerConfiguredLifetimeApplies() {
            f.policy = f.policy.withMaxLifetime(Duration.ofMinutes(10));
            assertRejected(ConsentLinkError.LIFETIME_TOO_LONG, sign(times(0, 0, 11 * 60)));
        }

        @Test
        void configuredSkewApplies() {
            f.policy = f.policy.withClockSkew(Duration.ZERO);
            assertRejected(ConsentLinkError.NOT_YET_VALID, sign(times(0, 1, 600)));
        }

        @Test
        void numericDatesOfTheWrongJsonTypeAreMalformed() {
            assertRejected(ConsentLinkError.MALFORMED, sign(with("exp", String.valueOf(NOW.getEpochSecond() + 600))));
            assertRejected(ConsentLinkError.MALFORMED, sign(with("iat", true)));
            assertRejected(ConsentLinkError.MALFORMED, sign(with("nbf", List.of(1L))));
            assertRejected(ConsentLinkError.MALFORMED, sign(with("exp", Map.of("s", 1L))));
        }

        @Test
        void numericDatesOutOfRangeAreMalformed() {
            assertRejected(ConsentLinkError.MALFORMED, sign(with("iat", -1L)));
            assertRejected(ConsentLinkError.MALFORMED, sign(with("exp", 1e300)));
            assertRejected(ConsentLinkError.MALFORMED, sign(with("exp", Long.MAX_VALUE)));
        }
    }

    @Nested
    class Replay {

        @Test
        void secondUseOfTheSameLinkIsReplayed() {
            String jwt = sign(claims());
            f.validate(jwt);
            assertRejected(ConsentLinkError.REPLAYED, jwt);
        }

        @Test
        void anotherLinkWithAUsedJtiIsReplayed() {
            Map<String, Object> claims = claims();
            f.validate(sign(claims));
            claims.put("redirect_uri", "https://partner.example/other");
            assertRejected(ConsentLinkError.REPLAYED, sign(claims));
        }

        @Test
        void invalidLinkDoesNotBurnItsJti() {
            Map<String, Object> claims = claims();
            claims.put("aud", "https://another.bank.example");
            assertRejected(ConsentLinkError.WRONG_AUDIENCE, sign(claims));
            assertEquals(0, f.replayGuard.calls.get());

            claims.put("aud", AUDIENCE);
            assertEquals(claims.get("jti"), f.validate(sign(claims)).jti());
        }

        @Test
        void guardIsNotConsultedWhenALateCheckFails() {
            assertRejected(ConsentLinkError.REDIRECT_URI_NOT_REGISTERED, sign(with("redirect_uri", "https://evil.example")));
            assertRejected(ConsentLinkError.SESSION_METADATA_INVALID, sign(with("session_metadata", Map.of())));
            assertEquals(0, f.replayGuard.calls.get());
        }
    }

    @Nested
    class AudienceAndClient {

        @Test
        void wrongAudienceString() {
            assertRejected(ConsentLinkError.WRONG_AUDIENCE, sign(with("aud", "https://another.bank.example")));
        }

        @Test
        void audienceArrayWithoutUs() {
            assertRejected(ConsentLinkError.WRONG_AUDIENCE, sign(with("aud", List.of("a", "b"))));
        }

        @Test
        void emptyAudienceArray() {
            assertRejected(ConsentLinkError.WRONG_AUDIENCE, sign(with("aud", List.of())));
        }

        @Test
        void audienceIsNotAPrefixMatch() {
            assertRejected(ConsentLinkError.WRONG_AUDIENCE, sign(with("aud", AUDIENCE + "/")));
        }

        @Test
        void audienceOfTheWrongJsonTypeIsMalformed() {
            assertRejected(ConsentLinkError.MALFORMED, sign(with("aud", 42L)));
            assertRejected(ConsentLinkError.MALFORMED, sign(with("aud", List.of(AUDIENCE, 42L))));
        }

        @Test
        void issDifferentFromClientId() {
            assertRejected(ConsentLinkError.CLIENT_MISMATCH, sign(with("iss", "another-partner")));
        }

        @Test
        void clientIdDifferentFromIss() {
            assertRejected(ConsentLinkError.CLIENT_MISMATCH, sign(with("client_id", "another-partner")));
        }

        @Test
        void clientIdAndIssAgreeButNameAnotherClient() {
            Map<String, Object> c = claims();
            c.put("iss", "another-partner");
            c.put("client_id", "another-partner");
            assertRejected(ConsentLinkError.CLIENT_MISMATCH, sign(c));
        }

        @Test
        void clientIdComparisonIsExact() {
            Map<String, Object> c = claims();
            c.put("iss", CLIENT_ID.toUpperCase());
            c.put("client_id", CLIENT_ID.toUpperCase());
            assertRejected(ConsentLinkError.CLIENT_MISMATCH, sign(c));
        }

        @Test
        void queryClientIdDifferentFromTheClientIsRefusedBeforeKeysAreResolved() {
            String jwt = sign(claims());
            assertRejected(ConsentLinkError.CLIENT_MISMATCH, jwt,
                    () -> f.validator().validate("another-partner", "consent", jwt, f.client));
            assertRejected(ConsentLinkError.CLIENT_MISMATCH, jwt,
                    () -> f.validator().validate(null, "consent", jwt, f.client));
            assertEquals(0, f.resolver.calls.get());
        }

        @Test
        void tokenForAnotherClientFoundByTheQuery() {
            // The query names the other client and the link was signed with our key, but claims name us.
            ConsentLinkClient other = new ConsentLinkClient("another-partner", Set.of(REDIRECT_URI));
            String jwt = sign(claims());
            assertRejected(ConsentLinkError.CLIENT_MISMATCH, jwt,
                    () -> f.validator().validate("another-partner", "consent", jwt, other));
        }

        @Test
        void noClientIsUnknownClient() {
            String jwt = sign(claims());
            assertRejected(ConsentLinkError.UNKNOWN_CLIENT, jwt, () -> f.validator().validate(CLIENT_ID, "consent", jwt, null));
        }

        @Test
        void clientIdOfTheWrongJsonTypeIsMalformed() {
            assertRejected(ConsentLinkError.MALFORMED, sign(with("client_id", 12L)));
            assertRejected(ConsentLinkError.MALFORMED, sign(with("iss", List.of(CLIENT_ID))));
        }
    }

    @Nested
    class Type {

        @ParameterizedTest
        @ValueSource(strings = {"payment", "Consent", "CONSENT", "", " consent"})
        void queryTypeOtherThanConsent(String type) {
            String jwt = sign(claims());
            assertRejected(ConsentLinkError.WRONG_TYPE, jwt, () -> f.validator().validate(CLIENT_ID, type, jwt, f.client));
        }

        @Test
        void missingQueryType() {
            String jwt = sign(claims());
            assertRejected(ConsentLinkError.WRONG_TYPE, jwt, () -> f.validator().validate(CLIENT_ID, null, jwt, f.client));
        }

        @ParameterizedTest
        @ValueSource(strings = {"payment", "Consent", ""})
        void typeClaimOtherThanConsent(String type) {
            assertRejected(ConsentLinkError.WRONG_TYPE, sign(with("type", type)));
        }

        @Test
        void typeClaimOfTheWrongJsonType() {
            assertRejected(ConsentLinkError.MALFORMED, sign(with("type", List.of("consent"))));
        }
    }

    @Nested
    class RedirectUri {

        @ParameterizedTest
        @ValueSource(strings = {
                "https://evil.example/callback",              // unregistered
                "https://partner.example/callbac",            // prefix of a registered URI
                "https://partner.example/call",
                "https://partner.example/callback/evil",      // registered URI as prefix
                "https://partner.example/callback?next=evil", // query added
                "https://partner.example/callback#frag",
                "https://partner.example/callback/",          // trailing slash
                "https://partner.example/Callback",           // case change in the path
                "HTTPS://PARTNER.EXAMPLE/callback",           // case change in scheme and host
                "https://partner.example/anything",           // would match the registered https://partner.example/*
                "https://partner.example/*",                  // literally the registered wildcard entry
                "https://partner.example/callback ",          // trailing space
                ""})
        void onlyAnExactRegisteredUriPasses(String redirectUri) {
            assertRejected(ConsentLinkError.REDIRECT_URI_NOT_REGISTERED, sign(with("redirect_uri", redirectUri)));
        }

        @Test
        void anotherExactRegisteredUriPasses() {
            assertEquals("https://partner.example/other",
                    f.validate(sign(with("redirect_uri", "https://partner.example/other"))).redirectUri());
        }

        @Test
        void redirectUriOfTheWrongJsonType() {
            assertRejected(ConsentLinkError.MALFORMED, sign(with("redirect_uri", List.of(REDIRECT_URI))));
        }
    }

    @Nested
    class SessionMetadata {

        private Map<String, Object> nested(int depth) {
            Map<String, Object> root = new LinkedHashMap<>();
            Map<String, Object> current = root;
            for (int level = 1; level < depth; level++) {
                Map<String, Object> child = new LinkedHashMap<>();
                current.put("l" + level, child);
                current = child;
            }
            current.put("leaf", "x");
            return root;
        }

        @Test
        void missing() {
            assertRejected(ConsentLinkError.SESSION_METADATA_INVALID, sign(without("session_metadata")));
        }

        @Test
        void jsonNull() {
            assertRejected(ConsentLinkError.SESSION_METADATA_INVALID, sign(with("session_metadata", null)));
        }

        @Test
        void emptyObject() {
            assertRejected(ConsentLinkError.SESSION_METADATA_INVALID, sign(with("session_metadata", Map.of())));
        }

        @Test
        void array() {
            assertRejected(ConsentLinkError.SESSION_METADATA_INVALID,
                    sign(with("session_metadata", List.of(Map.of("cpf", CPF)))));
        }

        @Test
        void stringEvenIfItHoldsJson() {
            assertRejected(ConsentLinkError.SESSION_METADATA_INVALID,
                    sign(with("session_metadata", "{\"cpf\":\"" + CPF + "\"}")));
        }

        @Test
        void number() {
            assertRejected(ConsentLinkError.SESSION_METADATA_INVALID, sign(with("session_metadata", 5L)));
        }

        @Test
        void tooDeep() {
            assertRejected(ConsentLinkError.SESSION_METADATA_INVALID, sign(with("session_metadata", nested(6))));
        }

        @Test
        void arraysCountTowardsDepth() {
            // object(1) > array(2) > array(3) > array(4) > array(5) > object(6)
            Object deep = List.of(List.of(List.of(List.of(Map.of("cpf", CPF)))));
            assertRejected(ConsentLinkError.SESSION_METADATA_INVALID, sign(with("session_metadata", Map.of("a", deep))));
        }

        @Test
        void maximumDepthPasses() {
            f.validate(sign(with("session_metadata", nested(5))));
        }

        @Test
        void tooBig() {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("cpf", CPF);
            metadata.put("filler", "x".repeat(4096));
            assertRejected(ConsentLinkError.SESSION_METADATA_INVALID, sign(with("session_metadata", metadata)));
        }

        @Test
        void exactlyTheMaximumSizePassesAndOneByteMoreDoesNot() {
            String overhead = "{\"f\":\"\"}";
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("f", "x".repeat(4096 - overhead.length()));
            ValidatedConsentLink link = f.validate(sign(with("session_metadata", metadata)));
            assertEquals(4096, link.sessionMetadataJson().getBytes(StandardCharsets.UTF_8).length);

            metadata.put("f", "x".repeat(4096 - overhead.length() + 1));
            assertRejected(ConsentLinkError.SESSION_METADATA_INVALID, sign(with("session_metadata", metadata)));
        }

        @Test
        void sizeIsCountedInUtf8Bytes() {
            String overhead = "{\"f\":\"\"}";
            // 'é' is 2 bytes: fits in characters, not in bytes
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("f", "é".repeat((4096 - overhead.length()) / 2 + 1));
            assertRejected(ConsentLinkError.SESSION_METADATA_INVALID, sign(with("session_metadata", metadata)));
        }

        @Test
        void reSerializedCompactlyInOriginalKeyOrder() {
            String payload = JSONObjectUtils.toJSONString(without("session_metadata"));
            payload = payload.substring(0, payload.length() - 1)
                    + ",\"session_metadata\" : { \"z\" : 1, \"a\" : [ true, null, 2.5, \"ç\" ], \"m\" : { \"y\" : \"<&>\" } } }";
            String jwt = signRaw(header(JWSAlgorithm.RS256), payload, PARTNER_KEY);

            assertEquals("{\"z\":1,\"a\":[true,null,2.5,\"ç\"],\"m\":{\"y\":\"<&>\"}}", f.validate(jwt).sessionMetadataJson());
        }
    }

    @Nested
    class MissingClaims {

        @ParameterizedTest
        @ValueSource(strings = {"type", "client_id", "iss", "aud", "iat", "nbf", "exp", "jti", "redirect_uri"})
        void absentRequiredClaim(String claim) {
            assertRejected(ConsentLinkError.MISSING_CLAIM, sign(without(claim)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"type", "client_id", "iss", "aud", "iat", "nbf", "exp", "jti", "redirect_uri"})
        void nullRequiredClaim(String claim) {
            assertRejected(ConsentLinkError.MISSING_CLAIM, sign(with(claim, null)));
        }

        @Test
        void emptyJti() {
            assertRejected(ConsentLinkError.MISSING_CLAIM, sign(with("jti", "")));
        }

        @Test
        void jtiOfMaximumLengthPassesAndLongerIsMalformed() {
            f.validate(sign(with("jti", "j".repeat(256))));
            assertRejected(ConsentLinkError.MALFORMED, sign(with("jti", "j".repeat(257))));
        }

        @Test
        void jtiOfTheWrongJsonType() {
            assertRejected(ConsentLinkError.MALFORMED, sign(with("jti", 12345L)));
        }
    }

    @Nested
    class SizeAndGarbage {

        @Test
        void oneMegabyteIsTooLargeAndNothingIsResolved() {
            String huge = "a".repeat(1024 * 1024);
            assertRejected(ConsentLinkError.TOO_LARGE, huge);
            assertEquals(0, f.resolver.calls.get());
            assertEquals(0, f.replayGuard.calls.get());
        }

        @Test
        void oneMegabyteLookingLikeAJwtIsTooLarge() {
            String jwt = sign(claims());
            String huge = jwt + "A".repeat(1024 * 1024);
            assertRejected(ConsentLinkError.TOO_LARGE, huge);
            assertEquals(0, f.resolver.calls.get());
        }

        @Test
        void lengthLimitIsInclusive() {
            String jwt = sign(claims());
            f.policy = f.policy.withMaxTokenLength(jwt.length() - 1);
            assertRejected(ConsentLinkError.TOO_LARGE, jwt);
            f.policy = f.policy.withMaxTokenLength(jwt.length());
            f.validate(jwt);
        }

        @Test
        void justOverTheDefaultLimit() {
            assertRejected(ConsentLinkError.TOO_LARGE, "a".repeat(16_385));
            assertRejected(ConsentLinkError.MALFORMED, "a".repeat(16_384));
        }

        @Test
        void tooLargeIsCheckedBeforeTheQueryType() {
            String huge = "a".repeat(20_000);
            assertRejected(ConsentLinkError.TOO_LARGE, huge, () -> f.validator().validate(CLIENT_ID, "x", huge, f.client));
        }

        @Test
        void nullAndEmpty() {
            assertRejected(ConsentLinkError.MALFORMED, null);
            assertRejected(ConsentLinkError.MALFORMED, "");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "abc", "a.b", "a.b.c", "a.b.c.d", "a.b.c.d.e", "...", "..", ".b.c", "a..c",
                "eyJhbGciOiJSUzI1NiJ9", "eyJhbGciOiJSUzI1NiJ9.", "eyJhbGciOiJSUzI1NiJ9..c2ln",
                "!!!.###.$$$", "eyJ hbGc.e30.c2ln", "eyJhbGciOiJSUzI1NiJ9=.e30.c2ln",
                "AAAAAAAAAAAA.AAAAAAAA.AAAA", "_-_-_-_-.-_-_-_-_.____", "e30.e30.c2ln", "W10.e30.c2ln",
                "bnVsbA.e30.c2ln", "InN0cmluZyI.e30.c2ln", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln\n"})
        void garbageIsMalformed(String jwt) {
            assertRejected(ConsentLinkError.MALFORMED, jwt);
            assertEquals(0, f.resolver.calls.get());
        }

        @Test
        void fiveJweLikePartsAreMalformed() {
            String jwe = b64("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}") + ".a.b.c.d";
            assertRejected(ConsentLinkError.MALFORMED, jwe);
        }

        @Test
        void encInAThreePartTokenIsMalformed() {
            Map<String, Object> header = header(JWSAlgorithm.RS256);
            header.put("enc", "A256GCM");
            assertRejected(ConsentLinkError.MALFORMED, signRaw(header, claims(), PARTNER_KEY));
        }

        @Test
        void deeplyNestedHeaderIsMalformedNotAStackOverflow() {
            String header = b64("{\"alg\":\"RS256\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
            assertRejected(ConsentLinkError.MALFORMED, header + ".e30.c2ln");
        }

        @Test
        void headerThatIsNotUtf8IsMalformed() {
            String header = Base64URL.encode(new byte[]{'{', '"', 'a', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}).toString();
            assertRejected(ConsentLinkError.MALFORMED, header + ".e30.c2ln");
        }

        @Test
        void signedPayloadThatIsNotJsonIsMalformed() {
            assertRejected(ConsentLinkError.MALFORMED, signRaw(header(JWSAlgorithm.RS256), "not json", PARTNER_KEY));
            assertRejected(ConsentLinkError.MALFORMED, signRaw(header(JWSAlgorithm.RS256), "[1,2]", PARTNER_KEY));
            assertRejected(ConsentLinkError.MALFORMED, signRaw(header(JWSAlgorithm.RS256), "{\"a\":1} trailing", PARTNER_KEY));
            assertRejected(ConsentLinkError.MALFORMED, signRaw(header(JWSAlgorithm.RS256), "", PARTNER_KEY));
        }

        @Test
        void duplicateClaimNamesAreMalformed() {
            String payload = JSONObjectUtils.toJSONString(claims());
            payload = payload.substring(0, payload.length() - 1) + ",\"exp\":" + (NOW.getEpochSecond() + 99_999) + "}";
            assertRejected(ConsentLinkError.MALFORMED, signRaw(header(JWSAlgorithm.RS256), payload, PARTNER_KEY));
        }

        @Test
        void garbageIsRejectedWithoutTouchingTheResolverOrGuard() {
            List<String> inputs = new ArrayList<>(List.of("abc", "a.b.c", "\u0000.\u0000.\u0000", "é.é.é"));
            for (String jwt : inputs) {
                assertRejected(ConsentLinkError.MALFORMED, jwt);
            }
            assertEquals(0, f.resolver.calls.get());
            assertEquals(0, f.replayGuard.calls.get());
        }
    }
}
