package io.github.kcconsent.it.fapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.openbanking.OfbBank;
import io.github.kcconsent.it.support.openbanking.OfbPartner.Pushed;
import io.github.kcconsent.it.support.openbanking.OfbPartner.Tokens;
import io.github.kcconsent.it.support.openbanking.OfbPartner;
import io.github.kcconsent.it.support.openbanking.OfbProfileServerConfig;
import io.github.kcconsent.it.support.openbanking.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * What the production-shaped realm tells partners and which scopes it has: the discovery document advertises the
 * profile's modes and values and none it refuses ({@code realm-config/ofb-openid-configuration.json} over Keycloak's
 * own document); the Open Finance scopes exist as client scopes; a request for broader scopes than its consent needs
 * is served, not refused.
 */
@KeycloakIntegrationTest(config = OfbProfileServerConfig.class)
class OfbDiscoveryIT {

    /** DADOS and PAGTO roles' scopes (OFB DCR v2.1.0), plus the Consents API's. */
    static final List<String> OPEN_FINANCE_SCOPES = List.of("accounts", "credit-cards-accounts", "consents", "customers",
            "invoice-financings", "financings", "loans", "unarranged-accounts-overdraft", "resources", "credit-fixed-incomes",
            "exchanges", "bank-fixed-incomes", "variable-incomes", "treasure-titles", "funds", "credit-portability",
            "payments", "recurring-payments", "nrp-consents");

    @InjectRealm(fromJson = OfbBank.REALM_JSON)
    ManagedRealm realm;

    OfbBank bank;

    @BeforeEach
    void setUp() {
        bank = new OfbBank(realm);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> discovery() {
        HttpResponse<String> response = Http.send(bank.anonymous, HttpRequest.newBuilder(
                URI.create(bank.realmUrl + "/.well-known/openid-configuration")).GET().build());
        assertEquals(200, response.statusCode(), response.body());
        return OfbPartner.json(response.body());
    }

    @Test
    void discoveryAdvertisesTheProfileAndNothingItRefuses() {
        Map<String, Object> d = discovery();
        assertEquals(bank.realmUrl, d.get("issuer"));
        assertTrue(((String) d.get("pushed_authorization_request_endpoint")).startsWith("https://"), "endpoints on HTTPS");
        Map<String, Object> expected = Map.ofEntries(
                Map.entry("response_types_supported", List.of("code id_token")),
                Map.entry("response_modes_supported", List.of("fragment")),
                Map.entry("grant_types_supported", List.of("authorization_code", "client_credentials", "refresh_token")),
                Map.entry("subject_types_supported", List.of("public")),
                Map.entry("token_endpoint_auth_methods_supported", List.of("private_key_jwt")),
                Map.entry("token_endpoint_auth_signing_alg_values_supported", List.of("PS256")),
                Map.entry("introspection_endpoint_auth_methods_supported", List.of("private_key_jwt")),
                Map.entry("revocation_endpoint_auth_methods_supported", List.of("private_key_jwt")),
                Map.entry("id_token_signing_alg_values_supported", List.of("PS256")),
                Map.entry("id_token_encryption_alg_values_supported", List.of("RSA-OAEP")),
                Map.entry("id_token_encryption_enc_values_supported", List.of("A256GCM")),
                Map.entry("userinfo_signing_alg_values_supported", List.of("PS256")),
                Map.entry("request_object_signing_alg_values_supported", List.of("PS256")),
                Map.entry("code_challenge_methods_supported", List.of("S256")),
                Map.entry("acr_values_supported", List.of(OfbBank.LOA2, OfbBank.LOA3)),
                Map.entry("claims_parameter_supported", true),
                Map.entry("require_pushed_authorization_requests", true),
                Map.entry("tls_client_certificate_bound_access_tokens", true));
        expected.forEach((key, value) -> assertEquals(value, d.get(key), key));
        for (String refused : List.of("device_authorization_endpoint", "backchannel_authentication_endpoint",
                "backchannel_token_delivery_modes_supported", "authorization_signing_alg_values_supported",
                "request_object_encryption_alg_values_supported", "dpop_signing_alg_values_supported", "mtls_endpoint_aliases")) {
            assertFalse(d.containsKey(refused), refused + " is not part of the profile: " + d.get(refused));
        }
        assertTrue(((List<?>) d.get("claims_supported")).containsAll(List.of("acr", "c_hash", "s_hash")), d.get("claims_supported").toString());
        assertFalse(((List<?>) d.get("claims_supported")).contains("email"), "no profile or e-mail claims in this realm");
        List<?> scopes = (List<?>) d.get("scopes_supported");
        assertTrue(scopes.containsAll(OPEN_FINANCE_SCOPES), "the Open Finance scopes are advertised: " + scopes);
        assertTrue(scopes.containsAll(List.of("openid", "consent", "offline_access")), scopes.toString());
        assertFalse(scopes.contains("basic") || scopes.contains("acr"), "Keycloak-internal scopes are not advertised: " + scopes);
    }

    @Test
    void theOpenFinanceScopesExistAsClientScopes() {
        Set<String> names = realm.admin().clientScopes().findAll().stream().map(ClientScopeRepresentation::getName)
                .collect(Collectors.toSet());
        assertTrue(names.containsAll(OPEN_FINANCE_SCOPES), names.toString());
        ClientScopeRepresentation consent = realm.admin().clientScopes().findAll().stream()
                .filter(s -> s.getName().equals("consent")).findFirst().orElseThrow();
        assertEquals("kcconsent-consent", consent.getAttributes().get("parameterized.scope.type"));
    }

    @Test
    void broaderScopesThanTheConsentNeedsAreNotRefused() {
        OfbPartner partner = OfbPartner.register(realm, "tpp-scopes", TestPki.PARTNER_A);
        String consentId = partner.createConsent(OfbMutualTlsIT.ACCOUNTS);
        // The consent is for account data only; the partner asks for everything its registration allows.
        String broad = "openid consent:" + consentId + " accounts credit-cards-accounts resources customers loans financings";
        Pushed pushed = partner.push(broad);
        assertEquals(201, pushed.status(), pushed.response().body());
        Map<String, String> callback = partner.authorize(bank.browser(), pushed, bank.customer("broad"));
        assertNotNull(callback.get("code"), callback.toString());
        Tokens tokens = partner.exchange(partner.http, callback.get("code"), pushed.verifier());
        assertEquals(200, tokens.status(), tokens.body().toString());
        Set<String> granted = Set.copyOf(Arrays.asList(((String) tokens.body().get("scope")).split(" ")));
        assertTrue(granted.contains("consent:" + consentId), granted.toString());
        assertTrue(granted.contains("accounts"), granted.toString());
    }
}
