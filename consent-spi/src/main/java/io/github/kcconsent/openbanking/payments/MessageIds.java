package io.github.kcconsent.openbanking.payments;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * Single use of a signed request's {@code jti}: per partner for 24 hours, cluster-wide, through Keycloak's
 * single-use store (the security profile's rule; a reused id is refused even when the rest of the message
 * differs). An id is spent by the first message that carries it with a valid signature, whatever the answer.
 */
final class MessageIds {

    /** The profile's window for unique message ids. */
    static final long LIFESPAN_SECONDS = 24 * 60 * 60;

    private final SingleUseObjectProvider singleUse;

    MessageIds(SingleUseObjectProvider singleUse) {
        this.singleUse = singleUse;
    }

    /** True the first time this client presents this id within the window. */
    boolean firstUse(String realmId, String clientId, String jti) {
        return singleUse.putIfAbsent("kcconsent-ob-jti:" + realmId + ":" + clientId + ":" + jti, LIFESPAN_SECONDS);
    }
}
