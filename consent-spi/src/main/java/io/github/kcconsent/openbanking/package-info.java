/**
 * Open Finance Brasil Consents API v3.3.1 for partners (TPPs), at
 * {@code /realms/{realm}/open-banking/consents/v3/consents} (realm resource {@code open-banking}).
 *
 * <h2>Endpoints</h2>
 * <ul>
 *   <li>{@code POST /consents}: creates a {@code DATA_SHARING} consent ({@code OPEN_FINANCE_API} origin)
 *       {@code AWAITING_AUTHORISATION}, CPF/CNPJ encrypted by the consent store; 201.</li>
 *   <li>{@code GET /consents/{consentId}}: the consent with its effective status (an overdue consent reads as
 *       {@code REJECTED}) and, once rejected, {@code rejection}; 200.</li>
 *   <li>{@code DELETE /consents/{consentId}}: {@code REJECTED} with {@code rejectedBy: USER} (the partner deletes
 *       on its customer's instruction, as the reference implementations record it) and
 *       {@code CUSTOMER_MANUALLY_REVOKED} (authorised) or {@code CUSTOMER_MANUALLY_REJECTED} (awaiting); 204;
 *       already rejected: 422 {@code CONSENTIMENTO_EM_STATUS_REJEITADO}.</li>
 *   <li>{@code POST /consents/{consentId}/extends}: renewal without redirect, with the customer's token (see
 *       below); 201. Only {@code AUTHORISED} (422 {@code ESTADO_CONSENTIMENTO_INVALIDO}); the new date later
 *       than now and the current expiry and at most 12 months ahead, or omitted (indeterminate), otherwise 422
 *       {@code DATA_EXPIRACAO_INVALIDA}; {@code loggedUser} (and {@code businessEntity}) must be the consent's
 *       own (403).</li>
 *   <li>{@code GET /consents/{consentId}/extensions}: the renewals, newest first, paged (page from 1,
 *       page-size 25..1000, smaller sizes read as 25).</li>
 * </ul>
 *
 * <h2>Authentication</h2>
 * An access token of this realm, verified with Keycloak's own checks ({@link PartnerAuthenticator}). The
 * token's client ({@code azp}) only ever sees its own consents created through this API; anything else answers
 * exactly like a consent that does not exist (404).
 * <ul>
 *   <li>Create, read, revoke and {@code /extensions}: issued with {@code client_credentials} and carrying the
 *       {@code consents} scope (a client scope the partner gets as optional scope).</li>
 *   <li>{@code /extends} (the spec's {@code OAuth2AuthorizationCode} security, scopes {@code openid} and
 *       {@code consent:consentId}): the customer's token from the FAPI authorization of that consent, i.e.
 *       issued with {@code authorization_code}, or with {@code refresh_token} in a session Keycloak opened at
 *       the authorization endpoint with a {@code code} response type (Keycloak records only the latest grant in
 *       a refreshed token); verified with its user session (Keycloak's full bearer authenticator), carrying
 *       {@code openid} and {@code consent:<the path's consentId>} and no other {@code consent:} scope. Its
 *       user must be the one who authorised the consent.</li>
 * </ul>
 * No token, or a malformed, forged, expired or revoked one, or one whose session has ended (logout), or one
 * whose consent is no longer authorised ({@link io.github.kcconsent.token.ConsentBinding}) is 401
 * {@code NAO_AUTORIZADO}. Refresh tokens live as long as the consent (offline tokens, checked against the
 * consent at every refresh), so a renewal needs nothing more. A valid token of the wrong kind is 403
 * {@code PROIBIDO} with the spec's error body: another grant (a partner's client-credentials token on
 * {@code /extends}, a user's token on the partner operations), no {@code consents} scope, a customer token
 * without {@code openid} or for another consent (also when the path's consent does not exist: the token names
 * the one consent it may renew). Both come first, before the interaction id is even checked. For
 * {@code /extends} then: 400 (customer headers, body), 404 (not this partner's consent), 403 (the token's user
 * is not the consent's, or the body's documents are not the consent's), 422 (state, dates).
 *
 * <h2>Deviations from the specification, and why</h2>
 * <ul>
 *   <li>Business consents are renewed only by the user who authorised them, with the consent's own
 *       {@code loggedUser} and {@code businessEntity} in the body (the spec lets any authorised
 *       representative of the company renew; there are no company representatives here).</li>
 *   <li>Security before syntax: 401/403 are decided before the {@code x-fapi-interaction-id} check (400), so an
 *       unauthenticated caller learns nothing about request validity. The interaction id is still generated
 *       and returned on those answers.</li>
 *   <li>{@code journey}/{@code isLinked} (Jornada Otimizada): {@code isLinked} is type-checked and ignored,
 *       {@code journey} is never returned; there is no optimised journey to link to.</li>
 *   <li>Permissions outside complete groups are 422 {@code COMBINACAO_PERMISSOES_INCORRETA}; unknown
 *       permission names, an empty list and repeated permissions are 400 (schema-level). Every product is
 *       offered, so no group is dropped and {@code SEM_PERMISSOES_FUNCIONAIS_RESTANTES} never occurs; there
 *       are no multi-approver consents, so {@code DEPENDE_MULTIPLA_ALCADA} never occurs.</li>
 *   <li>Invalid CPF/CNPJ check digits are 400 ({@code PARAMETRO_INVALIDO}), like any malformed field.
 *       No cap on {@code expirationDateTime} at creation (3.3.x removed the 12-month sentence).</li>
 *   <li>A change lost to a concurrent writer is 409 {@code ALTERACAO_CONCORRENTE} (the spec's
 *       {@code default} error response) rather than a 422 code that would misstate the reason.</li>
 *   <li>404/405 for paths or methods this resource does not define are answered by JAX-RS itself, without
 *       the spec's body or {@code x-v}; 429/529/504 are not produced.</li>
 *   <li>The spec's {@code ResponseConsentExtensions} (the {@code /extends} 201) omits {@code EXCHANGES_READ}
 *       from its permission enum (a spec inconsistency); we return the consent's real permissions.</li>
 * </ul>
 *
 * <h2>Personal data</h2>
 * The renewal history keeps the renewing CPF, the customer IP address and user agent (the spec requires them
 * in {@code /extensions} from v3.0.0) encrypted with the realm's field cipher, bound to realm, consent and
 * row, in {@code KCC_OB_CONSENT_EXTENSION} (our own SPI {@code kcconsent-ob-extensions}, own changelog). Rows
 * are deleted with the realm, client or user, and re-encrypted after a key rotation by their own cluster-aware
 * task. Errors and logs never contain documents, header values or tokens.
 */
package io.github.kcconsent.openbanking;

import io.github.kcconsent.openbanking.partner.PartnerAuthenticator;
