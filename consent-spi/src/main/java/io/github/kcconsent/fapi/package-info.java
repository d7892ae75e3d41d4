/**
 * What the Open Finance Brasil security profile (FAPI 1.0 Advanced underneath) needs from an authorization request
 * and Keycloak 26.7 cannot be told through its own executors, as one client-policy executor,
 * {@code kcconsent-ofb-authorization} ({@link io.github.kcconsent.fapi.OfbAuthorizationExecutor}).
 *
 * <p>Why code: Keycloak's {@code secure-response-type} executor checks the response type only at the authorization
 * endpoint, also admits {@code response_type=code} with {@code response_mode=jwt} (JARM, which the single OFB
 * profile dropped), and on client create and update demands "ID token as detached signature", whose front-channel
 * ID token carries no {@code acr} (the profile wants it in every ID token). Its {@code secure-request-object}
 * executor checks {@code exp}, {@code nbf}, the lifetime and {@code aud} of the request object only at the
 * authorization endpoint too, after Keycloak has handed out a {@code request_uri} for a request it will refuse.
 *
 * <p>The contract, pure and unit tested in {@link io.github.kcconsent.fapi.AuthorizationShape}:
 * <ul>
 *   <li>{@code response_type} is exactly {@code code id_token} (in any order);</li>
 *   <li>{@code response_mode} is absent or {@code fragment} (the hybrid response's default);</li>
 *   <li>at PAR, the request comes as a signed request object that itself carries {@code scope} (FAPI: only the
 *       request object's parameters count).</li>
 * </ul>
 * At PAR the executor then runs Keycloak's own request-object checks (the {@code secure-request-object} executor's
 * code, with FAPI 1.0 Advanced's fixed values: {@code exp} and {@code nbf} required, at most 60 minutes between
 * them, {@code nbf} not in the future, {@code aud} the realm's issuer), so a request Keycloak would refuse later is
 * refused before it gets a {@code request_uri}. Keycloak's own executors stay in the profile and check again at the
 * authorization endpoint. Refusals are {@code invalid_request} or {@code invalid_request_object} with a fixed English
 * {@code error_description} (OAuth errors for the partner's developers; nothing from the request is echoed).
 */
package io.github.kcconsent.fapi;
