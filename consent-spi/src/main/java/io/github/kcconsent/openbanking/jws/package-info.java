/**
 * Signed messages of the Open Finance APIs that carry their bodies as a compact JWS ({@code application/jwt}),
 * the Payments API first: the pure rules for verifying a partner's request. No Keycloak runtime here: the
 * partner's registered keys come through {@link io.github.kcconsent.link.validation.PublicKeyResolver}, and
 * single use of {@code jti} (Keycloak's single-use store, per partner, 24 h) and response signing with the
 * realm's key are the caller's.
 *
 * <h2>Contract of {@link io.github.kcconsent.openbanking.jws.SignedRequestVerifier#verify}</h2>
 * Checked in this order; the first failure is thrown as an {@link io.github.kcconsent.openbanking.api.ApiError}:
 * <ol>
 *   <li>The body is a compact JWS of three non-empty parts, at most {@value
 *       io.github.kcconsent.openbanking.jws.SignedRequestVerifier#MAX_LENGTH} characters; a plain JSON body, a
 *       JWE or an unsigned token is refused. → 400 {@code BAD_SIGNATURE}</li>
 *   <li>The header is one JSON object without duplicate members; {@code alg} is {@code PS256} (never
 *       {@code none}, HMAC or RS256); {@code kid} is a string; {@code typ}, when present, is {@code JWT}; no
 *       {@code crit}; no key in the header ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}): keys named in
 *       a message are never used. → 400 {@code BAD_SIGNATURE}</li>
 *   <li>The signature verifies with one of the partner's registered RSA keys (at least 2048 bits) for that
 *       {@code kid}. → 400 {@code BAD_SIGNATURE}</li>
 *   <li>The payload is one JSON object without duplicate members. → 400 {@code BAD_SIGNATURE} (what is signed
 *       must be readable as exactly one message)</li>
 *   <li>{@code aud} (a string, or an array holding it) is exactly the endpoint called; {@code iss} is exactly the
 *       partner's organisation id; {@code iat} is a number of seconds within
 *       {@value io.github.kcconsent.openbanking.jws.SignedRequestVerifier#IAT_TOLERANCE_SECONDS} s of now, either
 *       side; {@code jti} is a UUID of at most 36 characters. → 403 {@code INVALID_CLIENT}</li>
 * </ol>
 * Details name the rule, never a claim's value.
 */
package io.github.kcconsent.openbanking.jws;
