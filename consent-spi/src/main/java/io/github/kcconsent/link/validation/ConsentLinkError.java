package io.github.kcconsent.link.validation;

import java.util.Locale;

/**
 * Why a consent link was refused. {@link #eventError()} is the {@code error} of the Keycloak event the caller
 * records. None is {@link #redirectable()}: the user sees Keycloak's error page instead (see the package
 * documentation for why).
 */
public enum ConsentLinkError {

    /** Not a compact JWS, not decodable, not JSON, a claim of the wrong JSON type, or a header we refuse. */
    MALFORMED,
    /** Longer than {@link ConsentLinkPolicy#maxTokenLength()}; refused before any parsing. */
    TOO_LARGE,
    /** The query's or the token's {@code type} is not {@code consent}. */
    WRONG_TYPE,
    /** {@code alg} is {@code none}, symmetric, or not in {@link ConsentLinkPolicy#allowedAlgorithms()}. */
    ALGORITHM_NOT_ALLOWED,
    /** The header carries a key or a key location ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}). */
    HEADER_KEY_FORBIDDEN,
    /** The client has no usable registered key for the token's {@code kid}. */
    UNKNOWN_KEY,
    /** No registered key verifies the signature. */
    BAD_SIGNATURE,
    /** {@code client_id}, {@code iss}, the query's {@code client_id} and the client do not all agree. */
    CLIENT_MISMATCH,
    /** {@code aud} does not contain {@link ConsentLinkPolicy#expectedAudience()}. */
    WRONG_AUDIENCE,
    /** A required claim is absent or null. */
    MISSING_CLAIM,
    /** {@code exp} has passed (beyond the clock skew). */
    EXPIRED,
    /** {@code nbf} or {@code iat} lies in the future (beyond the clock skew). */
    NOT_YET_VALID,
    /** {@code exp − iat} exceeds {@link ConsentLinkPolicy#maxLifetime()}. */
    LIFETIME_TOO_LONG,
    /** The {@code jti} was already used by this client. */
    REPLAYED,
    /** {@code redirect_uri} is not exactly one of the client's registered redirect URIs. */
    REDIRECT_URI_NOT_REGISTERED,
    /** {@code session_metadata} is absent, not a non-empty JSON object, too large or too deeply nested. */
    SESSION_METADATA_INVALID,
    /** Thrown by the caller: no client with the query's {@code client_id} in the realm. */
    UNKNOWN_CLIENT,
    /** Thrown by the caller: the client exists but may not use consent links (disabled, not configured). */
    LINK_DISABLED;

    private static final String EVENT_PREFIX = "consent_link_";

    private final String eventError = EVENT_PREFIX + name().toLowerCase(Locale.ROOT);

    /** The Keycloak event error string, e.g. {@code consent_link_expired}. */
    public String eventError() {
        return eventError;
    }

    /**
     * Always false: a consent link error is never redirected to the partner's {@code redirect_uri}. The user is
     * shown Keycloak's error page instead, because before the signature and {@code redirect_uri} are validated
     * the URI is attacker-chosen, and redirecting would make us an open redirector.
     */
    public boolean redirectable() {
        return false;
    }
}
