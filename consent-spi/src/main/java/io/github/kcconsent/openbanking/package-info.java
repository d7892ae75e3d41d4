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
 *   <li>{@code DELETE /consents/{consentId}}: {@code REJECTED} with {@code rejectedBy: TPP} and
 *       {@code CUSTOMER_MANUALLY_REVOKED} (authorised) or {@code CUSTOMER_MANUALLY_REJECTED} (awaiting); 204;
 *       already rejected: 422 {@code CONSENTIMENTO_EM_STATUS_REJEITADO}.</li>
 *   <li>{@code POST /consents/{consentId}/extends}: renewal without redirect; 201. Only {@code AUTHORISED};
 *       the new date later than now and the current expiry and at most 12 months ahead, or omitted
 *       (indeterminate); {@code loggedUser} (and {@code businessEntity}) must be the consent's own (403).</li>
 *   <li>{@code GET /consents/{consentId}/extensions}: the renewals, newest first, paged (page from 1,
 *       page-size 25..1000, smaller sizes read as 25).</li>
 * </ul>
 *
 * <h2>Authentication</h2>
 * An access token of this realm, verified by Keycloak's own bearer-token authenticator, issued with
 * {@code client_credentials} and carrying the {@code consents} scope (a client scope the partner gets as
 * optional scope). The token's client ({@code azp}) only ever sees its own consents created through this API;
 * anything else answers exactly like a consent that does not exist (404).
 *
 * <h2>Deviations from the specification, and why</h2>
 * <ul>
 *   <li>{@code /extends} should take an {@code authorization_code} token with {@code consent:{consentId}}
 *       (FAPI redirect flow). That flow is not built yet, so a {@code client_credentials} token with
 *       {@code consents} is accepted instead, and the customer is identified only by the CPF (and CNPJ) the
 *       partner sends, which must match the consent. For business consents this also means only the consent's
 *       own {@code loggedUser} can renew (the spec lets any authorised representative). The FAPI authorization
 *       now issues {@code consent:} tokens; requiring one here is the next step.</li>
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
 *  * </ul>
 *
 * <h2>Personal data</h2>
 * The renewal history keeps the renewing CPF, the customer IP address and user agent (the spec requires them
 * in {@code /extensions} from v3.0.0) encrypted with the realm's field cipher, bound to realm, consent and
 * row, in {@code KCC_OB_CONSENT_EXTENSION} (our own SPI {@code kcconsent-ob-extensions}, own changelog). Rows
 * are deleted with the realm, client or user, and re-encrypted after a key rotation by their own cluster-aware
 * task. Errors and logs never contain documents, header values or tokens.
 */
package io.github.kcconsent.openbanking;
