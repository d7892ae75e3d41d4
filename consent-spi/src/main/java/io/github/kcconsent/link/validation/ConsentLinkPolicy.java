package io.github.kcconsent.link.validation;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * What a consent link must satisfy. Start from {@link #defaults(String)} and adjust with the {@code with…}
 * methods; the constructor refuses any configuration that would weaken the checks.
 *
 * @param allowedAlgorithms       JWS algorithms a link may be signed with. Default {@code {RS256}}; only the
 *                                RSA family ({@code RS256/384/512}, {@code PS256/384/512}) is accepted: never
 *                                {@code none}, HMAC (the partner's secret would be the verification key) or
 *                                algorithms this validator has no verifier for
 * @param maxLifetime             the longest {@code exp − iat} accepted; default and hard maximum 2 hours
 * @param clockSkew               tolerance for {@code exp}, {@code nbf} and {@code iat}; default 30 s, at most
 *                                5 minutes
 * @param expectedAudience        what {@code aud} must contain (e.g. the realm's issuer URL); required
 * @param maxTokenLength          longest JWT accepted, in characters, checked before any parsing; default
 *                                16384, at most 65536 (everything up to the signature check is done on
 *                                unauthenticated input)
 * @param maxSessionMetadataBytes largest {@code session_metadata}, as compact UTF-8 JSON; default 4096
 * @param maxSessionMetadataDepth deepest nesting of {@code session_metadata}, the object itself counting as 1
 *                                and every nested object or array adding 1; default 5
 */
public record ConsentLinkPolicy(
        Set<JWSAlgorithm> allowedAlgorithms,
        Duration maxLifetime,
        Duration clockSkew,
        String expectedAudience,
        int maxTokenLength,
        int maxSessionMetadataBytes,
        int maxSessionMetadataDepth) {

    /** The algorithms the validator can verify and may ever be configured with. */
    public static final Set<JWSAlgorithm> SUPPORTED_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(JWSAlgorithm.RS256);
    public static final Duration MAX_LIFETIME = Duration.ofHours(2);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 16_384;
    public static final int MAX_TOKEN_LENGTH_LIMIT = 65_536;
    public static final int DEFAULT_MAX_SESSION_METADATA_BYTES = 4_096;
    public static final int DEFAULT_MAX_SESSION_METADATA_DEPTH = 5;
    /** Below the JSON parser's own nesting limit (255), so depth is always ours to report. */
    public static final int MAX_SESSION_METADATA_DEPTH_LIMIT = 64;

    public ConsentLinkPolicy {
        Objects.requireNonNull(allowedAlgorithms, "allowedAlgorithms");
        allowedAlgorithms = Set.copyOf(allowedAlgorithms);
        if (allowedAlgorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one algorithm must be allowed");
        }
        for (JWSAlgorithm alg : allowedAlgorithms) {
            if (!SUPPORTED_ALGORITHMS.contains(alg)) {
                throw new IllegalArgumentException("algorithm " + alg.getName()
                        + " is not allowed for consent links; only RS256/384/512 and PS256/384/512");
            }
        }
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        if (maxLifetime.isNegative() || maxLifetime.isZero() || maxLifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("maxLifetime must be positive and at most " + MAX_LIFETIME);
        }
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("clockSkew must be between 0 and " + MAX_CLOCK_SKEW);
        }
        Objects.requireNonNull(expectedAudience, "expectedAudience");
        if (expectedAudience.isBlank()) {
            throw new IllegalArgumentException("expectedAudience must not be blank");
        }
        if (maxTokenLength < 1 || maxTokenLength > MAX_TOKEN_LENGTH_LIMIT) {
            throw new IllegalArgumentException("maxTokenLength must be between 1 and " + MAX_TOKEN_LENGTH_LIMIT);
        }
        if (maxSessionMetadataBytes < 2) {
            throw new IllegalArgumentException("maxSessionMetadataBytes must be at least 2");
        }
        if (maxSessionMetadataDepth < 1 || maxSessionMetadataDepth > MAX_SESSION_METADATA_DEPTH_LIMIT) {
            throw new IllegalArgumentException("maxSessionMetadataDepth must be between 1 and "
                    + MAX_SESSION_METADATA_DEPTH_LIMIT);
        }
    }

    /** RS256 only, 2 h lifetime, 30 s skew, 16384-character tokens, 4096-byte / depth-5 session metadata. */
    public static ConsentLinkPolicy defaults(String expectedAudience) {
        return new ConsentLinkPolicy(DEFAULT_ALGORITHMS, MAX_LIFETIME, DEFAULT_CLOCK_SKEW, expectedAudience,
                DEFAULT_MAX_TOKEN_LENGTH, DEFAULT_MAX_SESSION_METADATA_BYTES, DEFAULT_MAX_SESSION_METADATA_DEPTH);
    }

    public ConsentLinkPolicy withAllowedAlgorithms(Set<JWSAlgorithm> algorithms) {
        return new ConsentLinkPolicy(algorithms, maxLifetime, clockSkew, expectedAudience, maxTokenLength,
                maxSessionMetadataBytes, maxSessionMetadataDepth);
    }

    public ConsentLinkPolicy withMaxLifetime(Duration lifetime) {
        return new ConsentLinkPolicy(allowedAlgorithms, lifetime, clockSkew, expectedAudience, maxTokenLength,
                maxSessionMetadataBytes, maxSessionMetadataDepth);
    }

    public ConsentLinkPolicy withClockSkew(Duration skew) {
        return new ConsentLinkPolicy(allowedAlgorithms, maxLifetime, skew, expectedAudience, maxTokenLength,
                maxSessionMetadataBytes, maxSessionMetadataDepth);
    }

    public ConsentLinkPolicy withMaxTokenLength(int length) {
        return new ConsentLinkPolicy(allowedAlgorithms, maxLifetime, clockSkew, expectedAudience, length,
                maxSessionMetadataBytes, maxSessionMetadataDepth);
    }

    public ConsentLinkPolicy withMaxSessionMetadataBytes(int bytes) {
        return new ConsentLinkPolicy(allowedAlgorithms, maxLifetime, clockSkew, expectedAudience, maxTokenLength,
                bytes, maxSessionMetadataDepth);
    }

    public ConsentLinkPolicy withMaxSessionMetadataDepth(int depth) {
        return new ConsentLinkPolicy(allowedAlgorithms, maxLifetime, clockSkew, expectedAudience, maxTokenLength,
                maxSessionMetadataBytes, depth);
    }
}
