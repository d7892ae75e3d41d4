/**
 * Validation of a partner's signed consent link,
 * {@code GET /realms/{realm}/consent?client_id=…&type=consent&jwt=…}.
 *
 * <p>{@link io.github.kcconsent.link.validation.ConsentLinkValidator} is plain Java over nimbus-jose-jwt and
 * holds no Keycloak session types, so it can be unit tested and benchmarked. The Keycloak glue supplies:
 * <ul>
 *   <li>a {@link io.github.kcconsent.link.validation.ConsentLinkClient} built from the client found by the
 *       query's {@code client_id} (or throws {@link io.github.kcconsent.link.validation.ConsentLinkError#UNKNOWN_CLIENT}
 *       / {@link io.github.kcconsent.link.validation.ConsentLinkError#LINK_DISABLED} itself);</li>
 *   <li>a {@link io.github.kcconsent.link.validation.PublicKeyResolver} returning <em>that</em> client's
 *       registered keys only, never keys named by the token;</li>
 *   <li>a {@link io.github.kcconsent.link.validation.ReplayGuard}, e.g. over Keycloak's single-use object
 *       store, so a link can be opened once.</li>
 * </ul>
 *
 * <p><b>Errors never redirect.</b> Until {@code redirect_uri} has been checked against the client's registered
 * URIs, which needs a verified signature first, the URI in the link is attacker-controlled; and a failure after
 * that point would still reveal to whoever holds the link why it failed. Every
 * {@link io.github.kcconsent.link.validation.ConsentLinkError} is therefore shown to the user as Keycloak's error
 * page (and recorded as an event with {@link io.github.kcconsent.link.validation.ConsentLinkError#eventError()}),
 * never sent back to the partner as a redirect.
 *
 * <p><b>No personal data in messages.</b> Exceptions from this package carry the error code and fixed text
 * only: never the JWT, a claim value or {@code session_metadata}.
 */
package io.github.kcconsent.link.validation;
