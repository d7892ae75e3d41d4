/**
 * The one owner of what our flows keep in Keycloak's sessions, so no flow reads another's note keys:
 * <ul>
 *   <li>{@link io.github.kcconsent.authsession.ConsentFlow}: which of our flows an authentication session
 *       belongs to (consent link or self-service login) and the self-service return URL;</li>
 *   <li>{@link io.github.kcconsent.authsession.ConsentLinkRequest}: the validated consent link (client,
 *       redirect URI, jti; the partner's session metadata only as an encrypted authentication note);</li>
 *   <li>{@link io.github.kcconsent.authsession.ConsentDecision}: what the customer decided on the screen;</li>
 *   <li>{@link io.github.kcconsent.authsession.OpenFinanceRequest}: the consent an Open Finance authorization
 *       asks the customer to decide, and whether it was authorised;</li>
 *   <li>{@link io.github.kcconsent.authsession.ConsentSessionNotes}: the consents authorised in a client
 *       session ({@code kcconsent.consent.<id>}), which Keycloak copies from the authentication session.</li>
 * </ul>
 * Keycloak 26 persists user and client sessions in its database: notes hold ids and flags, never personal
 * data or secrets in plaintext. The self-service page's CSRF token is a user-session note private to
 * {@code selfservice}, which alone writes and reads it.
 */
package io.github.kcconsent.authsession;
