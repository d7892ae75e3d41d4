package io.github.kcconsent.it.support.openbanking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.TestUsers;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The bank's side of the production-shaped realm in tests: its resource server ({@code ofb-resource-server},
 * {@code private_key_jwt} with a key made for the test) introspecting partners' tokens over HTTPS, and customers
 * with a password and a TOTP second factor.
 */
public final class OfbBank {

    public static final String REALM_JSON = "/realm-config/ofb-production-realm.json";
    public static final String RESOURCE_SERVER = "ofb-resource-server";
    public static final String LOA2 = "urn:brasil:openbanking:loa2";
    public static final String LOA3 = "urn:brasil:openbanking:loa3";

    public final ManagedRealm realm;
    public final String realmUrl;
    public final String origin;
    /** HTTPS without a client certificate: a browser, the bank's own servers here. */
    public final HttpClient anonymous;
    private final RSAKey resourceServerKey;

    public OfbBank(ManagedRealm realm) {
        this.realm = realm;
        this.realmUrl = OfbProfileServerConfig.httpsRealmUrl(realm.getBaseUrl());
        this.origin = realmUrl.replaceAll("/realms/.*", "");
        this.anonymous = Http.client(TestPki.get().anonymousContext());
        this.resourceServerKey = OfbPartner.key(KeyUse.SIGNATURE, JWSAlgorithm.PS256.getName());
        ClientResource rs = realm.admin().clients().get(realm.admin().clients().findByClientId(RESOURCE_SERVER).get(0).getId());
        ClientRepresentation rep = rs.toRepresentation();
        Map<String, String> attributes = new HashMap<>(rep.getAttributes());
        attributes.put("use.jwks.url", "false");
        attributes.put("use.jwks.string", "true");
        attributes.put("jwks.string", new JWKSet(resourceServerKey.toPublicJWK()).toString());
        rep.setAttributes(attributes);
        rs.update(rep);
    }

    /** A customer's browser (no client certificate). */
    public BrowserSession browser() {
        return new BrowserSession(origin, TestPki.get().anonymousContext());
    }

    /** Introspection as the bank's resource server, with any extra parameters; the answer whatever its status. */
    public HttpResponse<String> introspect(String token, String... extra) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        for (int i = 0; i < extra.length; i += 2) {
            form.put(extra[i], extra[i + 1]);
        }
        form.put("client_id", RESOURCE_SERVER);
        form.put("client_assertion_type", OfbPartner.ASSERTION_TYPE);
        Instant now = Instant.now();
        form.put("client_assertion", OfbPartner.sign(new JWTClaimsSet.Builder().issuer(RESOURCE_SERVER).subject(RESOURCE_SERVER)
                .audience(realmUrl).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build(), JWSAlgorithm.PS256, resourceServerKey));
        return OfbPartner.post(anonymous, realmUrl + "/protocol/openid-connect/token/introspect", form);
    }

    /** {@code active} of an introspection answer (asserting it was 200). */
    public boolean active(String token, String... extra) {
        HttpResponse<String> response = introspect(token, extra);
        assertEquals(200, response.statusCode(), response.body());
        return Boolean.TRUE.equals(OfbPartner.json(response.body()).get("active"));
    }

    /** A customer with the demo CPF, two accounts, the password {@link TestUsers#PASSWORD} and a TOTP device. */
    public Customer customer(String prefix) {
        String secret = UUID.randomUUID().toString().replace("-", "");
        CredentialRepresentation otp = new CredentialRepresentation();
        otp.setType("otp");
        otp.setUserLabel("test authenticator");
        otp.setSecretData("{\"value\":\"" + secret + "\"}");
        otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        String username = TestUsers.create(realm, prefix, Map.of("cpf", List.of(DemoRealm.USER_CPF),
                "kcconsent_accounts", List.of(TestUsers.TWO_ACCOUNTS)), otp);
        return new Customer(username, secret);
    }

    /** A customer with only a password (no second factor enrolled yet). */
    public Customer passwordOnlyCustomer(String prefix) {
        String username = TestUsers.create(realm, prefix, Map.of("cpf", List.of(DemoRealm.USER_CPF),
                "kcconsent_accounts", List.of(TestUsers.TWO_ACCOUNTS)));
        return new Customer(username, null);
    }

    /** A customer and the raw TOTP secret of their authenticator ({@code null}: none). */
    public record Customer(String username, String otpSecret) {

        /** The current one-time code (RFC 6238: HMAC-SHA1, 30 s, 6 digits), as the customer's app shows it. */
        public String otp() {
            return totp(otpSecret.getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond() / 30);
        }
    }

    public static String totp(byte[] secret, long counter) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
