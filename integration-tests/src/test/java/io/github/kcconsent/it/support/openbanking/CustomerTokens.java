package io.github.kcconsent.it.support.openbanking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.kcconsent.it.support.BrowserSession;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.PartnerLinks;
import org.keycloak.util.JsonSerialization;

/**
 * The demo partner's OAuth client side of an Open Finance authorization, as the FAPI profile of the demo realm
 * demands it: PAR with a PS256-signed request object, PKCE, {@code private_key_jwt} at the token endpoint.
 * {@link #authorise} runs the whole journey through Keycloak's real pages with the HTTP-only
 * {@link BrowserSession} (login unless the session is already signed in, then Permitir on our consent screen)
 * and exchanges the code: the customer's {@code authorization_code} token a partner holds after a real
 * authorization, without the seconds a Chromium login costs. {@code FapiAuthorizationIT} runs the same
 * journey once in Chromium.
 */
public final class CustomerTokens {

    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A pushed authorization request: where to send the browser, and what the code exchange needs. */
    public record Authorization(String authorizeUrl, String verifier, String state) {
    }

    /** A token response: 200 with the tokens, or the error. */
    public record Tokens(int status, String accessToken, String refreshToken, String scope, Map<String, Object> body) {
    }

    private final String realmUrl;
    private final String origin;
    /** Seconds the server's clock is moved from the real time (Keycloak's time offset): the JWTs' times follow it. */
    private final long clockOffset;

    public CustomerTokens(String realmUrl) {
        this(realmUrl, 0);
    }

    private CustomerTokens(String realmUrl, long clockOffset) {
        this.realmUrl = realmUrl;
        this.origin = realmUrl.replaceAll("/realms/.*", "");
        this.clockOffset = clockOffset;
    }

    /**
     * The same partner for a server whose clock was moved {@code seconds} from the real time: its request objects
     * and client assertions are dated on the server's clock, which checks their {@code iat}, {@code nbf} and
     * {@code exp}.
     */
    public CustomerTokens onServerClockMovedBy(long seconds) {
        return new CustomerTokens(realmUrl, seconds);
    }

    private Instant now() {
        return Instant.now().plusSeconds(clockOffset);
    }

    /** A new cookie-keeping HTTP browser for this Keycloak (one customer's device). */
    public BrowserSession browser() {
        return new BrowserSession(origin);
    }

    /**
     * The customer (the demo user) authorises {@code consentId} for the demo partner: PAR with scope
     * {@code openid consent:<consentId>}, login if {@code browser} is not signed in yet, Permitir with account
     * {@code acc-0001}, then the code exchange. Asserts every step.
     */
    public Tokens authorise(BrowserSession browser, String consentId) {
        return authorise(browser, "openid consent:" + consentId, DemoRealm.USER, DemoRealm.USER_PASSWORD);
    }

    /** The same journey for any scope and user; without a {@code consent:} scope there is no consent screen. */
    public Tokens authorise(BrowserSession browser, String scope, String username, String password) {
        Authorization authorization = pushAuthorization(scope);
        browser.leftTo = null;
        browser.open(authorization.authorizeUrl());
        if (browser.leftTo == null && browser.showsForm("kc-form-login")) {
            browser.login(username, password);
        }
        if (browser.leftTo == null && browser.showsForm("kcconsent-form")) {
            browser.submit("kcconsent-form", Map.of("decision", List.of("approve"), "account", List.of("acc-0001")));
        }
        assertNotNull(browser.leftTo, "the partner got an answer:\n" + browser.page.body());
        Map<String, String> answer = query(browser.leftTo.getRawQuery());
        assertEquals(authorization.state(), answer.get("state"), answer.toString());
        assertNotNull(answer.get("code"), answer.toString());
        Tokens tokens = exchange(answer.get("code"), authorization);
        assertEquals(200, tokens.status(), tokens.body().toString());
        return tokens;
    }

    /** PAR with a PS256 request object carrying {@code scope} and a PKCE challenge; asserts the 201. */
    public Authorization pushAuthorization(String scope) {
        Pushed pushed = push(scope);
        assertEquals(201, pushed.response().statusCode(), pushed.response().body());
        try {
            String requestUri = (String) JsonSerialization.readValue(pushed.response().body(), Map.class).get("request_uri");
            String url = realmUrl + "/protocol/openid-connect/auth?client_id=" + DemoRealm.PARTNER_CLIENT_ID
                    + "&request_uri=" + URLEncoder.encode(requestUri, StandardCharsets.UTF_8);
            return new Authorization(url, pushed.verifier(), pushed.state());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A pushed authorization request as sent, and Keycloak's answer whatever it is. */
    public record Pushed(HttpResponse<String> response, String verifier, String state) {

        /** The OAuth error of a refused request, e.g. {@code access_denied}. */
        public String error() {
            return field("error");
        }

        public String errorDescription() {
            return field("error_description");
        }

        @SuppressWarnings("unchecked")
        private String field(String name) {
            try {
                return (String) JsonSerialization.readValue(response.body(), Map.class).get(name);
            } catch (IOException e) {
                throw new IllegalStateException(response.body(), e);
            }
        }
    }

    /** PAR with a PS256 request object carrying {@code scope} (null: no scope claim) and a PKCE challenge. */
    public Pushed push(String scope) {
        try {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            String verifier = b64(random);
            String challenge = b64(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            String state = UUID.randomUUID().toString();
            Instant now = now();
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .issuer(DemoRealm.PARTNER_CLIENT_ID).audience(realmUrl)
                    .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("client_id", DemoRealm.PARTNER_CLIENT_ID)
                    .claim("response_type", "code")
                    .claim("redirect_uri", DemoRealm.PARTNER_REDIRECT_URI)
                    .claim("state", state)
                    .claim("nonce", UUID.randomUUID().toString())
                    .claim("code_challenge", challenge)
                    .claim("code_challenge_method", "S256");
            if (scope != null) {
                claims.claim("scope", scope);
            }
            HttpResponse<String> par = post(realmUrl + "/protocol/openid-connect/ext/par/request", Map.of(
                    "client_id", DemoRealm.PARTNER_CLIENT_ID,
                    "client_assertion_type", ASSERTION_TYPE,
                    "client_assertion", clientAssertion(),
                    "request", sign(claims.build())));
            return new Pushed(par, verifier, state);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The code exchange at the token endpoint ({@code private_key_jwt}, PKCE verifier). */
    public Tokens exchange(String code, Authorization authorization) {
        return tokenRequest(Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", DemoRealm.PARTNER_REDIRECT_URI,
                "code_verifier", authorization.verifier(), "client_id", DemoRealm.PARTNER_CLIENT_ID,
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", clientAssertion()));
    }

    /** {@code grant_type=refresh_token} as the partner; the answer whatever its status. */
    public Tokens refresh(String refreshToken) {
        return tokenRequest(Map.of(
                "grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", DemoRealm.PARTNER_CLIENT_ID,
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", clientAssertion()));
    }

    /** {@code grant_type=client_credentials} as the partner, asking {@code scope}; the answer whatever its status. */
    public Tokens clientCredentials(String scope) {
        return tokenRequest(Map.of(
                "grant_type", "client_credentials", "scope", scope, "client_id", DemoRealm.PARTNER_CLIENT_ID,
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", clientAssertion()));
    }

    /** {@code grant_type=refresh_token} asking a {@code scope}; the answer whatever its status. */
    public Tokens refresh(String refreshToken, String scope) {
        return tokenRequest(Map.of(
                "grant_type", "refresh_token", "refresh_token", refreshToken, "scope", scope,
                "client_id", DemoRealm.PARTNER_CLIENT_ID,
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", clientAssertion()));
    }

    /** Standard token exchange (RFC 8693) of the partner's own access token, asking {@code scope}. */
    public Tokens exchange(String subjectToken, String scope) {
        return tokenRequest(Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", subjectToken,
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "requested_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "scope", scope, "client_id", DemoRealm.PARTNER_CLIENT_ID,
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", clientAssertion()));
    }

    /** The whole introspection answer, as the bank's resource server ({@code ofb-resource-server}) gets it. */
    public Map<String, Object> introspection(String token) {
        return introspect(Map.of("token", token, "client_id", "ofb-resource-server", "client_secret", "demo-resource-server-secret"));
    }

    /** The partner itself introspects a token (it is not the token's audience). */
    public Map<String, Object> introspectionByThePartner(String token) {
        return introspect(Map.of("token", token, "client_id", DemoRealm.PARTNER_CLIENT_ID,
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", clientAssertion()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> introspect(Map<String, String> form) {
        HttpResponse<String> response = post(realmUrl + "/protocol/openid-connect/token/introspect", form);
        assertEquals(200, response.statusCode(), response.body());
        try {
            return JsonSerialization.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT's payload claims (no verification: the tests read what Keycloak issued). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> claims(String jwt) {
        try {
            return JsonSerialization.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The partner revokes one of its tokens (RFC 7009). */
    public void revoke(String token) {
        HttpResponse<String> response = post(realmUrl + "/protocol/openid-connect/revoke", Map.of(
                "token", token, "client_id", DemoRealm.PARTNER_CLIENT_ID,
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", clientAssertion()));
        assertEquals(200, response.statusCode(), response.body());
    }

    /** As the bank's resource server (the token's audience, via the consent scope) checks a partner's token. */
    @SuppressWarnings("unchecked")
    public boolean introspect(String token) {
        return Boolean.TRUE.equals(introspection(token).get("active"));
    }

    /**
     * The grant Keycloak encoded in the access token's id ({@code <session><type><grant>:<id>}): {@code ac}
     * authorization_code, {@code rt} refresh_token, {@code cc} client_credentials.
     */
    public static String grantShortcut(String accessToken) {
        String jti = (String) claims(accessToken).get("jti");
        assertTrue(jti.matches("[a-z]{6}:.+"), jti);
        return jti.substring(4, 6);
    }

    public String clientAssertion() {
        Instant now = now();
        return sign(new JWTClaimsSet.Builder().issuer(DemoRealm.PARTNER_CLIENT_ID).subject(DemoRealm.PARTNER_CLIENT_ID)
                .audience(realmUrl).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build());
    }

    private static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).type(JOSEObjectType.JWT)
                    .keyID(PartnerLinks.DEMO_KEY.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(PartnerLinks.DEMO_KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static HttpResponse<String> post(String url, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return Http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    @SuppressWarnings("unchecked")
    private Tokens tokenRequest(Map<String, String> form) {
        HttpResponse<String> response = post(realmUrl + "/protocol/openid-connect/token", form);
        try {
            Map<String, Object> body = JsonSerialization.readValue(response.body(), Map.class);
            return new Tokens(response.statusCode(), (String) body.get("access_token"), (String) body.get("refresh_token"),
                    (String) body.get("scope"), body);
        } catch (Exception e) {
            throw new IllegalStateException(response.statusCode() + " " + response.body(), e);
        }
    }

    public static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
