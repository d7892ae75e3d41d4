package io.github.kcconsent.it.support.openbanking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.TestUsers;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * An Open Finance Brasil partner as the bank onboards it from {@code realm-config/ofb-partner-client.json}: its own
 * PS256 signing key and RSA-OAEP encryption key (generated per test, registered as the client's JWKS), its transport
 * certificate from {@link TestPki} and an HTTPS client that presents it. It speaks the profile: PAR with a signed
 * request object ({@code code id_token}, PKCE, nonce, essential {@code acr}), the hybrid response in the fragment,
 * ID tokens decrypted with its key and verified with the realm's keys, {@code private_key_jwt} everywhere.
 */
public final class OfbPartner {

    public static final String TEMPLATE = "/realm-config/ofb-partner-client.json";
    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public static final String ESSENTIAL_ACR = "{\"id_token\":{\"acr\":{\"essential\":true}}}";
    private static final SecureRandom RANDOM = new SecureRandom();

    public final String clientId;
    public final String redirectUri;
    public final String certificate;
    public final RSAKey signingKey;
    public final RSAKey encryptionKey;
    public final String realmUrl;
    /** HTTPS presenting this partner's certificate. */
    public final HttpClient http;

    private OfbPartner(String clientId, String certificate, String realmUrl) {
        this.clientId = clientId;
        this.redirectUri = "https://" + clientId + ".example.com/callback";
        this.certificate = certificate;
        this.signingKey = key(KeyUse.SIGNATURE, JWSAlgorithm.PS256.getName());
        this.encryptionKey = key(KeyUse.ENCRYPTION, JWEAlgorithm.RSA_OAEP.getName());
        this.realmUrl = realmUrl;
        this.http = Http.client(TestPki.get().clientContext(certificate));
    }

    /**
     * Registers a partner the way the README tells a bank to: the template with its client id, redirect URI and
     * JWKS filled in (by value here; a real partner has a {@code jwks_uri}), then its client role {@code ofb-tpp},
     * which puts it under the {@code kcconsent-ofb-partners} client policy.
     */
    public static OfbPartner register(ManagedRealm realm, String name, String certificate) {
        OfbPartner partner = new OfbPartner(name + "-" + UUID.randomUUID().toString().substring(0, 8), certificate,
                OfbProfileServerConfig.httpsRealmUrl(realm.getBaseUrl()));
        ClientRepresentation client = template();
        client.setClientId(partner.clientId);
        client.setName("Parceiro " + name);
        client.setRedirectUris(List.of(partner.redirectUri));
        Map<String, String> attributes = new HashMap<>(client.getAttributes());
        attributes.put("use.jwks.url", "false");
        attributes.remove("jwks.url");
        attributes.put("use.jwks.string", "true");
        attributes.put("jwks.string", partner.publicJwks());
        // The template's CHANGE-ME placeholder replaced, as onboarding does.
        attributes.put("kcconsent.organisationId", UUID.randomUUID().toString());
        client.setAttributes(attributes);
        try (Response created = realm.admin().clients().create(client)) {
            assertEquals(201, created.getStatus(), "partner client created");
        }
        RoleRepresentation role = new RoleRepresentation();
        role.setName("ofb-tpp");
        partner.admin(realm).roles().create(role);
        return partner;
    }

    public static ClientRepresentation template() {
        try (InputStream in = OfbPartner.class.getResourceAsStream(TEMPLATE)) {
            return JsonSerialization.readValue(in, ClientRepresentation.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ClientResource admin(ManagedRealm realm) {
        return realm.admin().clients().get(realm.admin().clients().findByClientId(clientId).get(0).getId());
    }

    public String publicJwks() {
        return new JWKSet(List.of(signingKey.toPublicJWK(), encryptionKey.toPublicJWK())).toString();
    }

    // ---- the authorization -----------------------------------------------------------------------------

    /** What the partner keeps between PAR and the callback. */
    public record Pushed(HttpResponse<String> response, String verifier, String state, String nonce) {

        public int status() {
            return response.statusCode();
        }

        Map<String, Object> json() {
            return OfbPartner.json(response.body());
        }

        public String error() {
            return (String) json().get("error");
        }

        public String requestUri() {
            return (String) json().get("request_uri");
        }
    }

    /** The request object every test starts from: valid for this partner, breaking nothing. */
    public JWTClaimsSet.Builder requestObject(String scope, String state, String nonce, String challenge) {
        Instant now = Instant.now();
        try {
            return new JWTClaimsSet.Builder()
                    .issuer(clientId).audience(realmUrl)
                    .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("client_id", clientId)
                    .claim("response_type", "code id_token")
                    .claim("redirect_uri", redirectUri)
                    .claim("scope", scope)
                    .claim("state", state)
                    .claim("nonce", nonce)
                    .claim("code_challenge", challenge)
                    .claim("code_challenge_method", "S256")
                    .claim("claims", JsonSerialization.readValue(ESSENTIAL_ACR, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PAR with the valid request object for {@code scope}. */
    public Pushed push(String scope) {
        return push(scope, claims -> { }, JWSAlgorithm.PS256, signingKey);
    }

    /** PAR with the request object changed by {@code edit}, signed with {@code alg} and {@code key}. */
    public Pushed push(String scope, Consumer<JWTClaimsSet.Builder> edit, JWSAlgorithm alg, RSAKey key) {
        String verifier = b64(random(32));
        String state = UUID.randomUUID().toString();
        String nonce = UUID.randomUUID().toString();
        JWTClaimsSet.Builder claims = requestObject(scope, state, nonce, challenge(verifier));
        edit.accept(claims);
        return pushSigned(sign(claims.build(), alg, key), Map.of(), verifier, state, nonce);
    }

    /** PAR with a request object already serialized (e.g. {@code alg: none}) and extra form parameters. */
    public Pushed pushSigned(String requestObject, Map<String, String> extraForm, String verifier, String state, String nonce) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("client_id", clientId, "client_assertion_type", ASSERTION_TYPE,
                "client_assertion", clientAssertion(), "request", requestObject));
        form.putAll(extraForm);
        return new Pushed(post(http, realmUrl + "/protocol/openid-connect/ext/par/request", form), verifier, state, nonce);
    }

    public String authorizeUrl(String requestUri) {
        return realmUrl + "/protocol/openid-connect/auth?client_id=" + enc(clientId) + "&request_uri=" + enc(requestUri);
    }

    /** The parameters of the redirect back to this partner: the fragment of a hybrid response. */
    public Map<String, String> callback(BrowserSession browser) {
        assertNotNull(browser.leftTo, "the browser came back to the partner:\n" + browser.page.body());
        assertEquals(URI.create(redirectUri).getHost(), browser.leftTo.getHost(), browser.leftTo.toString());
        assertNull(browser.leftTo.getRawQuery(), "nothing in the query of a fragment response: " + browser.leftTo);
        return form(browser.leftTo.getRawFragment());
    }

    /** Decrypts an ID token with this partner's key and verifies its signature with the realm's keys. */
    public IdToken idToken(String compact) {
        try {
            JWEObject jwe = JWEObject.parse(compact);
            jwe.decrypt(new RSADecrypter(encryptionKey));
            SignedJWT jws = jwe.getPayload().toSignedJWT();
            assertNotNull(jws, "the encrypted ID token holds a signed JWT");
            JWKSet realmKeys = JWKSet.parse(Http.send(http, HttpRequest.newBuilder(
                    URI.create(realmUrl + "/protocol/openid-connect/certs")).GET().build()).body());
            RSAKey signer = realmKeys.getKeyByKeyId(jws.getHeader().getKeyID()).toRSAKey();
            boolean verified = jws.verify(new RSASSAVerifier(signer));
            return new IdToken(jwe, jws, verified, jws.getJWTClaimsSet());
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("not an ID token encrypted to " + clientId + ": " + e, e);
        }
    }

    /** A decrypted ID token: both headers, whether the realm's signature verified, the claims. */
    public record IdToken(JWEObject jwe, SignedJWT jws, boolean signatureValid, JWTClaimsSet claims) {

        public boolean encryptedAsTheProfileSays(RSAKey encryptionKey) {
            return JWEAlgorithm.RSA_OAEP.equals(jwe.getHeader().getAlgorithm())
                    && EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())
                    && encryptionKey.getKeyID().equals(jwe.getHeader().getKeyID());
        }

        /** None of the headers the profile forbids (x5u, x5c, jku, jwk) in either layer. */
        public boolean noForbiddenHeaders() {
            return jwe.getHeader().getX509CertURL() == null && jwe.getHeader().getX509CertChain() == null
                    && jwe.getHeader().getJWKURL() == null && jwe.getHeader().getJWK() == null
                    && jws.getHeader().getX509CertURL() == null && jws.getHeader().getX509CertChain() == null
                    && jws.getHeader().getJWKURL() == null && jws.getHeader().getJWK() == null;
        }

        public String claim(String name) {
            Object value = claims.getClaim(name);
            return value == null ? null : value.toString();
        }
    }

    /** The OIDC left-half hash ({@code c_hash}, {@code s_hash}) for a PS256 ID token. */
    public static String halfHash(String value) {
        byte[] digest = sha256(value.getBytes(StandardCharsets.US_ASCII));
        return b64(Arrays.copyOf(digest, digest.length / 2));
    }

    /** Creates a data-sharing consent for the demo CPF through the Consents API, as this partner; its id. */
    public String createConsent(String permissions) {
        TppClient tpp = new TppClient(realmUrl, http);
        String token = tpp.privateKeyJwtToken(clientId, signingKey, "consents");
        TppClient.Reply created = tpp.create(token, ConsentRequests.body(DemoRealm.USER_CPF, null, permissions,
                ConsentRequests.date(Instant.now().plus(Duration.ofDays(90)))));
        assertEquals(201, created.status(), created.response().body());
        return created.data().path("consentId").asText();
    }

    /**
     * The customer's part after PAR: open the authorization URL in {@code browser}, log in with the password if
     * asked, type the current one-time code if asked, choose {@code acc-0001} and Permitir on the consent screen.
     * Stops wherever the flow leaves Keycloak (or on a page it does not know) and returns the callback parameters,
     * empty when the browser never came back.
     */
    public Map<String, String> authorize(BrowserSession browser, Pushed pushed, OfbBank.Customer customer) {
        browser.leftTo = null;
        browser.open(authorizeUrl(pushed.requestUri()));
        if (browser.leftTo == null && browser.showsForm("kc-form-login")) {
            browser.login(customer.username(), TestUsers.PASSWORD);
        }
        if (browser.leftTo == null && browser.showsForm("kc-otp-login-form") && customer.otpSecret() != null) {
            browser.submit("kc-otp-login-form", Map.of("otp", List.of(customer.otp())));
        }
        if (browser.leftTo == null && browser.showsForm("kcconsent-form")) {
            browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0001")));
        }
        return browser.leftTo == null ? Map.of() : callback(browser);
    }

    // ---- the token endpoint ----------------------------------------------------------------------------

    /** A token endpoint answer. */
    public record Tokens(int status, Map<String, Object> body) {

        public String accessToken() {
            return (String) body.get("access_token");
        }

        public String refreshToken() {
            return (String) body.get("refresh_token");
        }

        public String idToken() {
            return (String) body.get("id_token");
        }

        public String error() {
            return (String) body.get("error");
        }
    }

    /** The code exchange over {@code via} (this partner's certificate, another one, or none). */
    public Tokens exchange(HttpClient via, String code, String verifier) {
        return tokenRequest(via, Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                "code_verifier", verifier));
    }

    public Tokens refresh(HttpClient via, String refreshToken) {
        return tokenRequest(via, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public Tokens clientCredentials(HttpClient via, String scope) {
        return tokenRequest(via, Map.of("grant_type", "client_credentials", "scope", scope));
    }

    private Tokens tokenRequest(HttpClient via, Map<String, String> grant) {
        Map<String, String> form = new LinkedHashMap<>(grant);
        form.put("client_id", clientId);
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", clientAssertion());
        HttpResponse<String> response = post(via, realmUrl + "/protocol/openid-connect/token", form);
        return new Tokens(response.statusCode(), json(response.body()));
    }

    /** Keycloak's userinfo endpoint with the access token, over {@code via}. */
    public HttpResponse<String> userinfo(HttpClient via, String accessToken) {
        return Http.send(via, HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + accessToken).GET().build());
    }

    public String clientAssertion() {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(realmUrl)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build(), JWSAlgorithm.PS256, signingKey);
    }

    // ---- plumbing --------------------------------------------------------------------------------------

    public static String sign(JWTClaimsSet claims, JWSAlgorithm alg, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey key(KeyUse use, String algorithm) {
        try {
            return new RSAKeyGenerator(2048).keyUse(use).keyID(UUID.randomUUID().toString())
                    .algorithm(use == KeyUse.SIGNATURE ? JWSAlgorithm.parse(algorithm) : JWEAlgorithm.parse(algorithm))
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String challenge(String verifier) {
        return b64(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    public static HttpResponse<String> post(HttpClient via, String url, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(enc(v)));
        return Http.send(via, HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(String body) {
        try {
            return body == null || body.isBlank() ? Map.of() : JsonSerialization.readValue(body, Map.class);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    public static Map<String, String> form(String raw) {
        return raw == null ? Map.of() : CustomerTokens.query(raw);
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
