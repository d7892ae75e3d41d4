package io.github.kcconsent.link.validation;

import java.time.Instant;

/**
 * Remembers used {@code jti}s per client so a consent link opens once. Called last, only for a link that passed
 * every other check, so an invalid link never burns its {@code jti}. Implementations must be atomic across
 * cluster nodes (e.g. Keycloak's {@code SingleUseObjectProvider.putIfAbsent}).
 */
@FunctionalInterface
public interface ReplayGuard {

    /**
     * @param clientId  the client's public client_id; jtis of different clients never collide
     * @param expiresAt until when the jti must be remembered: the token's {@code exp} plus the policy's clock
     *                  skew, the last instant the validator would still accept it
     * @return true if this is the first use, false if the jti was seen before
     */
    boolean firstUse(String clientId, String jti, Instant expiresAt);
}
