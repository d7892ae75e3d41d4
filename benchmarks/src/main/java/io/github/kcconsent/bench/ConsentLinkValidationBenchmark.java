package io.github.kcconsent.bench;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.kcconsent.link.validation.ConsentLinkClient;
import io.github.kcconsent.link.validation.ConsentLinkError;
import io.github.kcconsent.link.validation.ConsentLinkException;
import io.github.kcconsent.link.validation.ConsentLinkPolicy;
import io.github.kcconsent.link.validation.ConsentLinkValidator;
import io.github.kcconsent.link.validation.ValidatedConsentLink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What our consent link checks cost on top of nimbus's own parse + RSA verification.
 *
 * <ul>
 *   <li>{@code rawNimbusParseAndVerify}: {@code SignedJWT.parse} + {@code RSASSAVerifier.verify} (the verifier
 *       made once), the least any validation must do;</li>
 *   <li>{@code fullLinkValidation}: {@link ConsentLinkValidator#validate} of the same tokens, with an in-memory
 *       replay guard;</li>
 *   <li>{@code rejectOneMegabyteToken}: validate of a 1 MB string, which must be refused before any work.</li>
 * </ul>
 * Both token benchmarks walk the same pool of {@value #POOL_SIZE} RS256 links signed in setup (signing is not
 * measured), each with its own jti; the replay guard is emptied when the pool wraps around, so every measured
 * validation is a first use. Goals: full ≤ 1.5 × raw (time per op), 1 MB rejection no slower than raw.
 *
 * <p>Only our API is called through {@code io.github.kcconsent.*} types; the nimbus classes named here are
 * plain {@code com.nimbusds} (for signing and the baseline), so this compiles against the shaded provider jar.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Thread)
public class ConsentLinkValidationBenchmark {

    static final int POOL_SIZE = 1024;
    static final String CLIENT_ID = "bench-partner";
    static final String AUDIENCE = "https://bank.example/realms/consent-demo";
    static final String REDIRECT_URI = "https://partner.example/callback";
    static final String KID = "bench-key";

    private String[] tokens;
    private int next;
    private RSASSAVerifier rawVerifier;
    private ConsentLinkValidator validator;
    private ConsentLinkClient client;
    private final Map<String, Instant> usedJtis = new ConcurrentHashMap<>();
    private String oneMegabyte;

    @Setup(Level.Trial)
    public void setUp() throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID(KID).generate();
        RSASSASigner signer = new RSASSASigner(key);
        Instant now = Instant.now();
        tokens = new String[POOL_SIZE];
        for (int i = 0; i < POOL_SIZE; i++) {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KID).type(JOSEObjectType.JWT).build(),
                    claims(now, UUID.randomUUID().toString()));
            jwt.sign(signer);
            tokens[i] = jwt.serialize();
        }
        rawVerifier = new RSASSAVerifier(key.toRSAPublicKey());

        List<PublicKey> registered = List.of(key.toRSAPublicKey());
        client = new ConsentLinkClient(CLIENT_ID, Set.of(REDIRECT_URI));
        validator = new ConsentLinkValidator(
                ConsentLinkPolicy.defaults(AUDIENCE),
                (kid, alg) -> KID.equals(kid) ? registered : List.of(),
                (clientId, jti, expiresAt) -> usedJtis.putIfAbsent(clientId + '\n' + jti, expiresAt) == null,
                Instant::now);

        // Sanity: every pooled token validates, and the 1 MB string is refused for its size.
        for (String token : tokens) {
            validator.validate(CLIENT_ID, "consent", token, client);
        }
        usedJtis.clear();
        oneMegabyte = tokens[0] + "A".repeat(1024 * 1024 - tokens[0].length());
        if (rejectOneMegabyteToken() != ConsentLinkError.TOO_LARGE) {
            throw new IllegalStateException("1 MB token not refused as TOO_LARGE");
        }
    }

    /** A link valid for 2 h (the maximum) from {@code now}, with ~200 bytes of session metadata. */
    static JWTClaimsSet claims(Instant now, String jti) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("partner_session_id", UUID.randomUUID().toString());
        metadata.put("channel", "mobile-app");
        metadata.put("device", Map.of("os", "android", "app_version", "5.12.0"));
        metadata.put("ip", "203.0.113.45");
        metadata.put("journey", "account-aggregation");
        metadata.put("locale", "pt-BR");
        return new JWTClaimsSet.Builder()
                .claim("type", "consent")
                .claim("client_id", CLIENT_ID)
                .claim("redirect_uri", REDIRECT_URI)
                .claim("session_metadata", metadata)
                .issuer(CLIENT_ID)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(2 * 3600)))
                .jwtID(jti)
                .build();
    }

    private String nextToken() {
        String token = tokens[next];
        if (++next == POOL_SIZE) {
            next = 0;
            usedJtis.clear();
        }
        return token;
    }

    @Benchmark
    public boolean rawNimbusParseAndVerify() throws Exception {
        SignedJWT jwt = SignedJWT.parse(nextToken());
        if (!jwt.verify(rawVerifier)) {
            throw new IllegalStateException("baseline token does not verify");
        }
        return true;
    }

    @Benchmark
    public ValidatedConsentLink fullLinkValidation() {
        return validator.validate(CLIENT_ID, "consent", nextToken(), client);
    }

    @Benchmark
    public ConsentLinkError rejectOneMegabyteToken() {
        try {
            validator.validate(CLIENT_ID, "consent", oneMegabyte, client);
        } catch (ConsentLinkException e) {
            return e.error();
        }
        throw new IllegalStateException("1 MB token accepted");
    }
}
