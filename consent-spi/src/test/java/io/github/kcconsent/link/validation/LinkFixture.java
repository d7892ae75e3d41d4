package io.github.kcconsent.link.validation;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;

/** Keys, a client, a recording resolver and replay guard, and helpers to sign arbitrary headers and claims. */
final class LinkFixture {

    static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    static final String CLIENT_ID = "partner-app";
    static final String AUDIENCE = "https://bank.example/realms/consent-demo";
    static final String REDIRECT_URI = "https://partner.example/callback";
    static final String KID = "partner-key-1";

    /** Generated once: RSA key generation is the slow part of these tests. */
    static final RSAKey PARTNER_KEY = generate(KID);
    static final RSAKey OTHER_KEY = generate(KID);

    final ConsentLinkClient client = new ConsentLinkClient(CLIENT_ID,
            Set.of(REDIRECT_URI, "https://partner.example/*", "https://partner.example/other"));
    final RecordingResolver resolver = new RecordingResolver();
    final RecordingReplayGuard replayGuard = new RecordingReplayGuard();
    ConsentLinkPolicy policy = ConsentLinkPolicy.defaults(AUDIENCE);

    LinkFixture() {
        resolver.register(KID, PARTNER_KEY);
    }

    ConsentLinkValidator validator() {
        return new ConsentLinkValidator(policy, resolver, replayGuard, () -> NOW);
    }

    ValidatedConsentLink validate(String jwt) {
        return validator().validate(CLIENT_ID, "consent", jwt, client);
    }

    static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid claim set, insertion-ordered so tests can change or remove single claims. */
    static Map<String, Object> claims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", "consent");
        c.put("client_id", CLIENT_ID);
        c.put("redirect_uri", REDIRECT_URI);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("zeta", "last key first");
        metadata.put("cpf", "52998224725");
        metadata.put("nested", new LinkedHashMap<>(Map.of("b", 1L)));
        c.put("session_metadata", metadata);
        c.put("iss", CLIENT_ID);
        c.put("iat", NOW.getEpochSecond() - 10);
        c.put("nbf", NOW.getEpochSecond() - 10);
        c.put("exp", NOW.getEpochSecond() + 600);
        c.put("jti", UUID.randomUUID().toString());
        c.put("aud", AUDIENCE);
        return c;
    }

    static Map<String, Object> header(JWSAlgorithm alg) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", alg.getName());
        h.put("typ", "JWT");
        h.put("kid", KID);
        return h;
    }

    /** RS256 over the given claims with the partner's key, built by nimbus. */
    static String sign(Map<String, Object> claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KID).build(), claims, PARTNER_KEY);
    }

    static String sign(JWSHeader header, Map<String, Object> claims, RSAKey key) {
        try {
            JWSObject jws = new JWSObject(header, new Payload(claims));
            jws.sign(new RSASSASigner(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs exactly the given header JSON and payload text, for headers nimbus would not build. */
    static String signRaw(Map<String, Object> header, String payload, RSAKey key) {
        try {
            String signingInput = b64(JSONObjectUtils.toJSONString(header)) + "." + b64(payload);
            JWSAlgorithm alg = JWSAlgorithm.parse((String) header.get("alg"));
            JWSSigner signer = new RSASSASigner(key);
            String signature = signer.sign(new JWSHeader(alg), signingInput.getBytes(StandardCharsets.US_ASCII))
                    .toString();
            return signingInput + "." + signature;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signRaw(Map<String, Object> header, Map<String, Object> claims, RSAKey key) {
        return signRaw(header, JSONObjectUtils.toJSONString(claims), key);
    }

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static final class RecordingResolver implements PublicKeyResolver {
        private final Map<String, List<PublicKey>> keys = new LinkedHashMap<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile String lastKid;
        volatile JWSAlgorithm lastAlg;

        void register(String kid, RSAKey key) {
            try {
                register(kid, key.toRSAPublicKey());
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        void register(String kid, PublicKey key) {
            keys.computeIfAbsent(kid, k -> new ArrayList<>()).add(key);
        }

        @Override
        public List<PublicKey> keysFor(String kid, JWSAlgorithm alg) {
            calls.incrementAndGet();
            lastKid = kid;
            lastAlg = alg;
            if (kid == null) {
                return keys.values().stream().flatMap(List::stream).toList();
            }
            return keys.getOrDefault(kid, List.of());
        }
    }

    static final class RecordingReplayGuard implements ReplayGuard {
        final Map<String, Instant> seen = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public boolean firstUse(String clientId, String jti, Instant expiresAt) {
            calls.incrementAndGet();
            return seen.putIfAbsent(clientId + "\n" + jti, expiresAt) == null;
        }

        boolean burned(String jti) {
            return seen.containsKey(CLIENT_ID + "\n" + jti);
        }
    }

    static RSAPublicKey publicKey(RSAKey key) {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
