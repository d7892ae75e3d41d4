package io.github.kcconsent.link.validation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import static io.github.kcconsent.link.validation.ConsentLinkError.ALGORITHM_NOT_ALLOWED;
import static io.github.kcconsent.link.validation.ConsentLinkError.BAD_SIGNATURE;
import static io.github.kcconsent.link.validation.ConsentLinkError.CLIENT_MISMATCH;
import static io.github.kcconsent.link.validation.ConsentLinkError.EXPIRED;
import static io.github.kcconsent.link.validation.ConsentLinkError.HEADER_KEY_FORBIDDEN;
import static io.github.kcconsent.link.validation.ConsentLinkError.LIFETIME_TOO_LONG;
import static io.github.kcconsent.link.validation.ConsentLinkError.MALFORMED;
import static io.github.kcconsent.link.validation.ConsentLinkError.MISSING_CLAIM;
import static io.github.kcconsent.link.validation.ConsentLinkError.NOT_YET_VALID;
import static io.github.kcconsent.link.validation.ConsentLinkError.REDIRECT_URI_NOT_REGISTERED;
import static io.github.kcconsent.link.validation.ConsentLinkError.REPLAYED;
import static io.github.kcconsent.link.validation.ConsentLinkError.SESSION_METADATA_INVALID;
import static io.github.kcconsent.link.validation.ConsentLinkError.TOO_LARGE;
import static io.github.kcconsent.link.validation.ConsentLinkError.UNKNOWN_CLIENT;
import static io.github.kcconsent.link.validation.ConsentLinkError.UNKNOWN_KEY;
import static io.github.kcconsent.link.validation.ConsentLinkError.WRONG_AUDIENCE;
import static io.github.kcconsent.link.validation.ConsentLinkError.WRONG_TYPE;

/**
 * Validates a partner's signed consent link. Thread-safe and cheap to construct (e.g. one per request, with a
 * {@link PublicKeyResolver} bound to the request's client).
 *
 * <p>Order of the checks, each failing with the {@link ConsentLinkError} named:
 * <ol>
 *   <li>token null or empty: MALFORMED; longer than {@link ConsentLinkPolicy#maxTokenLength()}: TOO_LARGE
 *       (O(1), nothing parsed); query {@code type} not {@code consent}: WRONG_TYPE; no client: UNKNOWN_CLIENT;
 *       query {@code client_id} not the client's: CLIENT_MISMATCH (so keys are only ever resolved for the
 *       client the link names);</li>
 *   <li>JWS compact serialization only: exactly three base64url parts (JWE, extra dots, padding, whitespace:
 *       MALFORMED); the header a JSON object (MALFORMED); {@code alg} {@code none} or not allowed:
 *       ALGORITHM_NOT_ALLOWED; {@code jwk}/{@code jku}/{@code x5u}/{@code x5c}: HEADER_KEY_FORBIDDEN;
 *       {@code typ} other than {@code JWT}, any {@code crit}, a non-string {@code kid}, an empty signature:
 *       MALFORMED;</li>
 *   <li>the client's keys for {@code kid}: none usable (RSA, ≥ 2048 bits): UNKNOWN_KEY; none verifies:
 *       BAD_SIGNATURE. Nothing from the payload is read before this point;</li>
 *   <li>claims: payload not a JSON object or a claim of the wrong JSON type (e.g. {@code exp} a string):
 *       MALFORMED; then {@code type}, {@code client_id}/{@code iss}, {@code aud}, presence of
 *       {@code iat}/{@code nbf}/{@code exp}/{@code jti}, {@code exp}, {@code nbf}, {@code iat}, lifetime,
 *       {@code jti} length, {@code redirect_uri}, {@code session_metadata};</li>
 *   <li>last, the {@link ReplayGuard}: REPLAYED. An invalid link therefore never burns its {@code jti}.</li>
 * </ol>
 * A required claim that is absent or JSON {@code null} is MISSING_CLAIM, except {@code session_metadata}, whose
 * absence is SESSION_METADATA_INVALID.
 */
public final class ConsentLinkValidator {

    /** The only value of the query's {@code type} and the token's {@code type} claim. */
    public static final String LINK_TYPE = "consent";
    public static final int MAX_JTI_LENGTH = 256;
    /** Smallest RSA modulus a registered key may have to be used. */
    public static final int MIN_RSA_KEY_BITS = PublicKeyResolver.MIN_RSA_KEY_BITS;

    static final String CLAIM_TYPE = "type";
    static final String CLAIM_CLIENT_ID = "client_id";
    static final String CLAIM_REDIRECT_URI = "redirect_uri";
    static final String CLAIM_SESSION_METADATA = "session_metadata";

    /** 9999-12-31T23:59:59Z; beyond that a NumericDate is nonsense rather than a date. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    private final ConsentLinkPolicy policy;
    private final PublicKeyResolver keyResolver;
    private final ReplayGuard replayGuard;
    private final Supplier<Instant> clock;

    public ConsentLinkValidator(ConsentLinkPolicy policy, PublicKeyResolver keyResolver, ReplayGuard replayGuard,
                                Supplier<Instant> clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.keyResolver = Objects.requireNonNull(keyResolver, "keyResolver");
        this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ConsentLinkPolicy policy() {
        return policy;
    }

    /**
     * @param queryClientId the {@code client_id} query parameter
     * @param queryType     the {@code type} query parameter
     * @param jwt           the {@code jwt} query parameter
     * @param client        the client found by {@code queryClientId}
     * @throws ConsentLinkException for every refusal; its message never contains input data
     */
    public ValidatedConsentLink validate(String queryClientId, String queryType, String jwt, ConsentLinkClient client) {
        // 1. Cheap checks on the request, before touching the token's content.
        if (jwt == null || jwt.isEmpty()) {
            throw fail(MALFORMED, "no token");
        }
        if (jwt.length() > policy.maxTokenLength()) {
            throw fail(TOO_LARGE, "token longer than allowed");
        }
        if (!LINK_TYPE.equals(queryType)) {
            throw fail(WRONG_TYPE, "query type is not consent");
        }
        if (client == null) {
            throw fail(UNKNOWN_CLIENT, "no client");
        }
        if (!client.clientId().equals(queryClientId)) {
            throw fail(CLIENT_MISMATCH, "query client_id is not the client's");
        }

        // 2. Structure and header.
        int dot1 = jwt.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : jwt.indexOf('.', dot1 + 1);
        if (dot1 <= 0 || dot2 < 0 || dot2 == dot1 + 1 || jwt.indexOf('.', dot2 + 1) >= 0) {
            throw fail(MALFORMED, "not a JWS compact serialization");
        }
        requireBase64Url(jwt, 0, dot1);
        requireBase64Url(jwt, dot1 + 1, dot2);
        requireBase64Url(jwt, dot2 + 1, jwt.length());
        String headerPart = jwt.substring(0, dot1);
        Map<String, Object> headerJson = parseJsonObject(headerPart, "header");

        Object algValue = headerJson.get("alg");
        if (!(algValue instanceof String algName)) {
            throw fail(MALFORMED, "header has no alg");
        }
        if ("none".equalsIgnoreCase(algName)) {
            throw fail(ALGORITHM_NOT_ALLOWED, "unsecured token");
        }
        JWSAlgorithm alg = JWSAlgorithm.parse(algName);
        if (!policy.allowedAlgorithms().contains(alg)) {
            throw fail(ALGORITHM_NOT_ALLOWED, "algorithm not allowed");
        }
        if (headerJson.containsKey("jwk") || headerJson.containsKey("jku")
                || headerJson.containsKey("x5u") || headerJson.containsKey("x5c")) {
            throw fail(HEADER_KEY_FORBIDDEN, "keys in the header are never used");
        }
        if (headerJson.containsKey("enc")) {
            throw fail(MALFORMED, "encrypted tokens are not accepted");
        }
        Object typ = headerJson.get("typ");
        if (typ != null && !(typ instanceof String t && t.equalsIgnoreCase("JWT"))) {
            throw fail(MALFORMED, "typ is not JWT");
        }
        if (headerJson.containsKey("crit")) {
            throw fail(MALFORMED, "critical header parameters are not supported");
        }
        Object kidValue = headerJson.get("kid");
        if (kidValue != null && !(kidValue instanceof String)) {
            throw fail(MALFORMED, "kid is not a string");
        }
        String kid = (String) kidValue;
        if (dot2 == jwt.length() - 1) {
            throw fail(MALFORMED, "no signature");
        }
        JWSHeader header;
        try {
            header = JWSHeader.parse(headerJson, new Base64URL(headerPart));
        } catch (ParseException | RuntimeException e) {
            throw fail(MALFORMED, "invalid header");
        }

        // 3. Signature, with the client's registered keys only.
        List<RSAPublicKey> candidates = PublicKeyResolver.usableRsaKeys(keyResolver.keysFor(kid, alg));
        if (candidates.isEmpty()) {
            throw fail(UNKNOWN_KEY, "no usable registered key");
        }
        byte[] signingInput = jwt.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
        Base64URL signature = new Base64URL(jwt.substring(dot2 + 1));
        boolean verified = false;
        for (RSAPublicKey key : candidates) {
            try {
                if (new RSASSAVerifier(key).verify(header, signingInput, signature)) {
                    verified = true;
                    break;
                }
            } catch (JOSEException e) {
                // a key the JCA refuses simply does not verify
            }
        }
        if (!verified) {
            throw fail(BAD_SIGNATURE, "signature does not verify");
        }

        // 4. Claims: types first, so a wrong JSON type is MALFORMED wherever it is.
        Map<String, Object> claims = parseJsonObject(jwt.substring(dot1 + 1, dot2), "payload");
        String type = stringClaim(claims, CLAIM_TYPE);
        String clientIdClaim = stringClaim(claims, CLAIM_CLIENT_ID);
        String iss = stringClaim(claims, "iss");
        List<String> aud = audienceClaim(claims);
        Long iat = numericDateClaim(claims, "iat");
        Long nbf = numericDateClaim(claims, "nbf");
        Long exp = numericDateClaim(claims, "exp");
        String jti = stringClaim(claims, "jti");
        String redirectUri = stringClaim(claims, CLAIM_REDIRECT_URI);

        if (type == null) {
            throw fail(MISSING_CLAIM, "type");
        }
        if (!LINK_TYPE.equals(type)) {
            throw fail(WRONG_TYPE, "type claim is not consent");
        }
        if (clientIdClaim == null || iss == null) {
            throw fail(MISSING_CLAIM, "client_id or iss");
        }
        if (!clientIdClaim.equals(iss) || !iss.equals(client.clientId())) {
            throw fail(CLIENT_MISMATCH, "client_id, iss and the client differ");
        }
        if (aud == null) {
            throw fail(MISSING_CLAIM, "aud");
        }
        if (!aud.contains(policy.expectedAudience())) {
            throw fail(WRONG_AUDIENCE, "aud does not name us");
        }
        if (iat == null || nbf == null || exp == null || jti == null || jti.isEmpty()) {
            throw fail(MISSING_CLAIM, "iat, nbf, exp or jti");
        }

        Instant now = clock.get();
        Duration skew = policy.clockSkew();
        Instant issuedAt = Instant.ofEpochSecond(iat);
        Instant notBefore = Instant.ofEpochSecond(nbf);
        Instant expiresAt = Instant.ofEpochSecond(exp);
        if (!expiresAt.isAfter(now.minus(skew))) {
            throw fail(EXPIRED, "exp is in the past");
        }
        Instant latestAcceptable = now.plus(skew);
        if (notBefore.isAfter(latestAcceptable)) {
            throw fail(NOT_YET_VALID, "nbf is in the future");
        }
        if (issuedAt.isAfter(latestAcceptable)) {
            throw fail(NOT_YET_VALID, "iat is in the future");
        }
        if (Duration.between(issuedAt, expiresAt).compareTo(policy.maxLifetime()) > 0) {
            throw fail(LIFETIME_TOO_LONG, "exp - iat exceeds the maximum lifetime");
        }
        if (jti.length() > MAX_JTI_LENGTH) {
            throw fail(MALFORMED, "jti too long");
        }

        if (redirectUri == null) {
            throw fail(MISSING_CLAIM, "redirect_uri");
        }
        if (!client.isRegisteredRedirectUri(redirectUri)) {
            throw fail(REDIRECT_URI_NOT_REGISTERED, "redirect_uri is not registered for the client");
        }

        String sessionMetadataJson = sessionMetadata(claims.get(CLAIM_SESSION_METADATA));

        // 5. Last: only a link that passed everything uses up its jti.
        if (!replayGuard.firstUse(client.clientId(), jti, expiresAt.plus(skew))) {
            throw fail(REPLAYED, "jti already used");
        }
        return new ValidatedConsentLink(client.clientId(), redirectUri, sessionMetadataJson, jti, issuedAt,
                expiresAt, alg.getName(), kid);
    }

    // ---------------------------------------------------------------------------------------------------

    private static ConsentLinkException fail(ConsentLinkError error, String detail) {
        return new ConsentLinkException(error, detail);
    }

    /** Unpadded base64url alphabet only: no padding, whitespace or other characters a lenient decoder skips. */
    private static void requireBase64Url(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!ok) {
                throw fail(MALFORMED, "not base64url");
            }
        }
    }

    private static Map<String, Object> parseJsonObject(String base64Url, String what) {
        byte[] bytes;
        try {
            bytes = B64URL.decode(base64Url);
        } catch (IllegalArgumentException e) {
            throw fail(MALFORMED, what + " is not base64url");
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fail(MALFORMED, what + " is not UTF-8");
        }
        try {
            // Strict JSON; duplicate member names, trailing data and nesting beyond 255 levels are refused.
            Map<String, Object> map = JSONObjectUtils.parse(json);
            if (map == null) {
                throw fail(MALFORMED, what + " is not a JSON object");
            }
            return map;
        } catch (ParseException | RuntimeException e) {
            throw fail(MALFORMED, what + " is not a JSON object");
        }
    }

    private static String stringClaim(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw fail(MALFORMED, name + " is not a string");
    }

    private static List<String> audienceClaim(Map<String, Object> claims) {
        Object value = claims.get("aud");
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    throw fail(MALFORMED, "aud holds a non-string");
                }
                out.add(s);
            }
            return out;
        }
        throw fail(MALFORMED, "aud is neither a string nor an array");
    }

    /** Seconds since the epoch; fractions are truncated towards the past. */
    private static Long numericDateClaim(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        long seconds;
        if (value instanceof Long l) {
            seconds = l;
        } else if (value instanceof Integer i) {
            seconds = i;
        } else if (value instanceof Double d && Double.isFinite(d)) {
            double floor = Math.floor(d);
            if (floor < 0 || floor > MAX_EPOCH_SECOND) {
                throw fail(MALFORMED, name + " is out of range");
            }
            seconds = (long) floor;
        } else {
            throw fail(MALFORMED, name + " is not a number");
        }
        if (seconds < 0 || seconds > MAX_EPOCH_SECOND) {
            throw fail(MALFORMED, name + " is out of range");
        }
        return seconds;
    }

    private String sessionMetadata(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            throw fail(SESSION_METADATA_INVALID, "session_metadata is not a non-empty JSON object");
        }
        if (exceedsDepth(map, 1, policy.maxSessionMetadataDepth())) {
            throw fail(SESSION_METADATA_INVALID, "session_metadata is nested too deeply");
        }
        String json;
        try {
            @SuppressWarnings("unchecked")
            Map<String, ?> object = (Map<String, ?>) map;
            json = JSONObjectUtils.toJSONString(object);
        } catch (RuntimeException e) {
            throw fail(SESSION_METADATA_INVALID, "session_metadata cannot be serialized");
        }
        if (utf8Length(json) > policy.maxSessionMetadataBytes()) {
            throw fail(SESSION_METADATA_INVALID, "session_metadata is too large");
        }
        return json;
    }

    /** Whether {@code value}, found at {@code depth}, or anything inside it lies deeper than {@code max}. */
    private static boolean exceedsDepth(Object value, int depth, int max) {
        if (value instanceof Map<?, ?> map) {
            if (depth > max) {
                return true;
            }
            for (Object child : map.values()) {
                if (exceedsDepth(child, depth + 1, max)) {
                    return true;
                }
            }
        } else if (value instanceof List<?> list) {
            if (depth > max) {
                return true;
            }
            for (Object child : list) {
                if (exceedsDepth(child, depth + 1, max)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
