package io.github.kcconsent.link.validation;

import java.time.Instant;

/**
 * A consent link that passed every check.
 *
 * @param clientId            the partner's public client_id
 * @param redirectUri         exactly one of the client's registered redirect URIs
 * @param sessionMetadataJson the {@code session_metadata} object re-serialized compactly (key order kept).
 *                            <b>Personal data</b>: store encrypted, never log; {@link #toString()} omits it.
 * @param jti                 the link's id, already recorded by the replay guard
 * @param issuedAt            {@code iat}
 * @param expiresAt           {@code exp}
 * @param algorithm           the JWS algorithm name, e.g. {@code RS256}
 * @param kid                 the header's {@code kid}, or null
 */
public record ValidatedConsentLink(
        String clientId,
        String redirectUri,
        String sessionMetadataJson,
        String jti,
        Instant issuedAt,
        Instant expiresAt,
        String algorithm,
        String kid) {

    /** Without {@code sessionMetadataJson}, which holds personal data. */
    @Override
    public String toString() {
        return "ValidatedConsentLink[clientId=" + clientId + ", redirectUri=" + redirectUri
                + ", sessionMetadataJson=<redacted>, jti=" + jti + ", issuedAt=" + issuedAt
                + ", expiresAt=" + expiresAt + ", algorithm=" + algorithm + ", kid=" + kid + "]";
    }
}
