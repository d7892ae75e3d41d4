package io.github.kcconsent.it.support.openbanking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.kcconsent.it.support.Http;
import org.keycloak.util.JsonSerialization;

/**
 * A partner (TPP) calling the Consents API: gets tokens the way a real TPP does and sends requests with the
 * spec's headers. Every response is checked against the official OpenAPI before the test sees it, so no
 * test can forget the contract.
 */
public final class TppClient {

    public static final String CONSENTS = "/consents";
    public static final String CONSENT = "/consents/{consentId}";
    public static final String EXTENDS = "/consents/{consentId}/extends";
    public static final String EXTENSIONS = "/consents/{consentId}/extensions";

    private final String realmUrl;
    private final String api;
    private final HttpClient http;

    public TppClient(String realmUrl) {
        this(realmUrl, null);
    }

    /** A partner whose every request goes over {@code http} (e.g. mutual TLS with its certificate); null: the default. */
    public TppClient(String realmUrl, HttpClient http) {
        this.realmUrl = realmUrl;
        this.api = realmUrl + "/open-banking/consents/v3";
        this.http = http;
    }

    private HttpResponse<String> http(HttpRequest request) {
        return http == null ? Http.send(request) : Http.send(http, request);
    }

    public String consentsUrl() {
        return api + "/consents";
    }

    public String consentUrl(String consentId) {
        return api + "/consents/" + URLEncoder.encode(consentId, StandardCharsets.UTF_8);
    }

    // ---- tokens -----------------------------------------------------------------------------------------

    /** Client credentials with a PS256 private_key_jwt client assertion, as the demo partner is registered. */
    public String privateKeyJwtToken(String clientId, RSAKey key, String scope) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId).subject(clientId).audience(realmUrl)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build();
        String assertion;
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            assertion = jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return token(form("grant_type", "client_credentials", "client_id", clientId, "scope", scope,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion));
    }

    public String clientSecretToken(String clientId, String secret, String scope) {
        return token(form("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret,
                "scope", scope));
    }

    /** A user's token (password grant) for the same client: valid, but not a client-credentials token. */
    public String passwordToken(String clientId, String secret, String username, String password, String scope) {
        return token(form("grant_type", "password", "client_id", clientId, "client_secret", secret,
                "username", username, "password", password, "scope", scope));
    }

    private String token(String form) {
        HttpResponse<String> response = http(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(200, response.statusCode(), response.body());
        try {
            return (String) JsonSerialization.readValue(response.body(), Map.class).get("access_token");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                continue;
            }
            out.append(out.length() == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    // ---- API calls --------------------------------------------------------------------------------------

    /**
     * Sends with {@code Authorization: Bearer token} (unless null), a fresh {@code x-fapi-interaction-id},
     * {@code Accept: application/json} and, with a body, {@code Content-Type: application/json}; {@code extra}
     * adds or (with a null value) removes headers. Then checks the answer against the spec for
     * {@code specPath} and returns it.
     */
    public Reply send(String token, String method, String url, String specPath, String body, String... extra) {
        List<String> headers = new ArrayList<>(List.of(
                "x-fapi-interaction-id", UUID.randomUUID().toString(),
                "Accept", "application/json"));
        if (token != null) {
            headers.addAll(List.of("Authorization", "Bearer " + token));
        }
        if (body != null) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        for (int i = 0; i < extra.length; i += 2) {
            for (int j = 0; j < headers.size(); j += 2) {
                if (headers.get(j).equalsIgnoreCase(extra[i])) {
                    headers.remove(j);
                    headers.remove(j);
                    j -= 2;
                }
            }
            if (extra[i + 1] != null) {
                headers.add(extra[i]);
                headers.add(extra[i + 1]);
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        String sentId = null;
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i).equalsIgnoreCase("x-fapi-interaction-id")) {
                sentId = headers.get(i + 1);
            }
        }
        HttpResponse<String> response = http(request.build());
        JsonNode json = ConsentsContract.check(method, specPath, response);
        return new Reply(response, json, sentId);
    }

    public Reply create(String token, String body, String... extra) {
        return send(token, "POST", consentsUrl(), CONSENTS, body, extra);
    }

    public Reply get(String token, String consentId, String... extra) {
        return send(token, "GET", consentUrl(consentId), CONSENT, null, extra);
    }

    public Reply delete(String token, String consentId, String... extra) {
        return send(token, "DELETE", consentUrl(consentId), CONSENT, null, extra);
    }

    /** Renewal with the two customer headers the spec requires there (override or drop them with extra). */
    public Reply extend(String token, String consentId, String body, String... extra) {
        List<String> headers = new ArrayList<>(List.of(
                "x-fapi-customer-ip-address", "203.0.113.7",
                "x-customer-user-agent", "Mozilla/5.0 (iPhone14,6; U; CPU iPhone OS 15_4 like Mac OS X)"));
        headers.addAll(Arrays.asList(extra)); // may hold nulls (= drop that header)
        return send(token, "POST", consentUrl(consentId) + "/extends", EXTENDS, body, headers.toArray(String[]::new));
    }

    public Reply extensions(String token, String consentId, String query, String... extra) {
        return send(token, "GET", consentUrl(consentId) + "/extensions" + (query == null ? "" : "?" + query), EXTENSIONS,
                null, extra);
    }

    /** A response, its body as JSON (already contract-checked), and the interaction id we sent. */
    public record Reply(HttpResponse<String> response, JsonNode json, String sentInteractionId) {

        public int status() {
            return response.statusCode();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** The first error's code, for error answers. */
        String errorCode() {
            return json.path("errors").path(0).path("code").asText();
        }

        public JsonNode data() {
            return json.path("data");
        }
    }
}
