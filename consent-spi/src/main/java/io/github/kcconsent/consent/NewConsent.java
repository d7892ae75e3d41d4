package io.github.kcconsent.consent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a flow asks the store to create. The store assigns the id, the timestamps and the authorisation
 * deadline; a new consent always starts AWAITING_AUTHORISATION.
 */
public record NewConsent(
        String clientId,
        String userId,
        ConsentType type,
        ConsentOrigin origin,
        List<String> permissions,
        Instant expiresAt,
        String loggedUserDocument,
        String businessEntityDocument,
        String sessionMetadata,
        String paymentDetails) {

    public NewConsent {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
        permissions = List.copyOf(permissions);
        if (permissions.isEmpty()) {
            throw new IllegalArgumentException("a consent needs at least one permission");
        }
    }
}
