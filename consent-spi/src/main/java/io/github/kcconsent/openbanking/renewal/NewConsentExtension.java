package io.github.kcconsent.openbanking.renewal;

import java.time.Instant;
import java.util.Objects;

/**
 * What a renewal asks the store to record; the store assigns the id and the sequence.
 *
 * @param clientId the consent's client (Keycloak internal id)
 * @param userId   the consent's user (Keycloak id)
 */
public record NewConsentExtension(String consentId, String clientId, String userId, Instant requestedAt, Instant expiresAt, Instant previousExpiresAt,
                                  String loggedUserDocument, String customerIpAddress, String customerUserAgent) {

    public NewConsentExtension {
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(loggedUserDocument, "loggedUserDocument");
    }
}
