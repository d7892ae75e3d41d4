package io.github.kcconsent.link;

import java.time.Instant;

import io.github.kcconsent.link.validation.ReplayGuard;
import org.keycloak.common.util.Time;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Cluster-wide single use of a link's {@code jti}, per client, through Keycloak's single-use-object store,
 * kept until the link itself expires (plus the allowed clock skew).
 */
public class SingleUseReplayGuard implements ReplayGuard {

    private static final long SKEW_SECONDS = 60;

    private final SingleUseObjectProvider singleUse;
    private final String realmId;

    public SingleUseReplayGuard(SingleUseObjectProvider singleUse, String realmId) {
        this.singleUse = singleUse;
        this.realmId = realmId;
    }

    @Override
    public boolean firstUse(String clientId, String jti, Instant expiresAt) {
        long lifespan = Math.max(1, expiresAt.getEpochSecond() - Time.currentTime() + SKEW_SECONDS);
        return singleUse.putIfAbsent("kcconsent-link-jti:" + realmId + ":" + clientId + ":" + jti, lifespan);
    }
}
