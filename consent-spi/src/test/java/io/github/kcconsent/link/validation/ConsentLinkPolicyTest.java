package io.github.kcconsent.link.validation;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsentLinkPolicyTest {

    private static final ConsentLinkPolicy DEFAULTS = ConsentLinkPolicy.defaults("https://bank.example/realms/r");

    @Test
    void defaults() {
        assertEquals(Set.of(JWSAlgorithm.RS256), DEFAULTS.allowedAlgorithms());
        assertEquals(Duration.ofHours(2), DEFAULTS.maxLifetime());
        assertEquals(Duration.ofSeconds(30), DEFAULTS.clockSkew());
        assertEquals(16_384, DEFAULTS.maxTokenLength());
        assertEquals(4_096, DEFAULTS.maxSessionMetadataBytes());
        assertEquals(5, DEFAULTS.maxSessionMetadataDepth());
    }

    @Test
    void ps256MayBeAdded() {
        assertEquals(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256),
                DEFAULTS.withAllowedAlgorithms(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256)).allowedAlgorithms());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "HS256", "HS384", "HS512", "ES256", "ES384", "EdDSA", "Ed25519", "RSA-OAEP-256", "rs256", "X"})
    void nonRsaSignatureAlgorithmsAreRefused(String alg) {
        assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.withAllowedAlgorithms(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.parse(alg))));
    }

    @Test
    void emptyOrNullAlgorithmsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withAllowedAlgorithms(Set.of()));
        assertThrows(NullPointerException.class, () -> DEFAULTS.withAllowedAlgorithms(null));
        assertThrows(NullPointerException.class,
                () -> DEFAULTS.withAllowedAlgorithms(new HashSet<>(Arrays.asList(JWSAlgorithm.RS256, null))));
    }

    @Test
    void allowedAlgorithmsAreCopied() {
        Set<JWSAlgorithm> mutable = new HashSet<>(Set.of(JWSAlgorithm.RS256));
        ConsentLinkPolicy policy = DEFAULTS.withAllowedAlgorithms(mutable);
        mutable.add(JWSAlgorithm.HS256);
        assertFalse(policy.allowedAlgorithms().contains(JWSAlgorithm.HS256));
    }

    @Test
    void lifetimeIsPositiveAndAtMostTwoHours() {
        assertEquals(Duration.ofMinutes(5), DEFAULTS.withMaxLifetime(Duration.ofMinutes(5)).maxLifetime());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxLifetime(Duration.ofHours(2).plusSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxLifetime(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxLifetime(Duration.ofSeconds(-1)));
    }

    @Test
    void skewIsBounded() {
        assertEquals(Duration.ZERO, DEFAULTS.withClockSkew(Duration.ZERO).clockSkew());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withClockSkew(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withClockSkew(Duration.ofMinutes(6)));
    }

    @Test
    void audienceIsRequired() {
        assertThrows(NullPointerException.class, () -> ConsentLinkPolicy.defaults(null));
        assertThrows(IllegalArgumentException.class, () -> ConsentLinkPolicy.defaults(" "));
    }

    @Test
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxTokenLength(0));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxTokenLength(1024 * 1024));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxSessionMetadataBytes(0));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxSessionMetadataDepth(0));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxSessionMetadataDepth(1000));
    }

    @Test
    void supportedAlgorithmsAreTheRsaFamily() {
        assertEquals(Set.copyOf(JWSAlgorithm.Family.RSA), ConsentLinkPolicy.SUPPORTED_ALGORITHMS);
        assertTrue(ConsentLinkPolicy.SUPPORTED_ALGORITHMS.stream().noneMatch(JWSAlgorithm.Family.HMAC_SHA::contains));
    }
}
