package io.github.kcconsent.it.support.openbanking;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.Http;
import io.github.kcconsent.it.support.PartnerLinks;

/**
 * A payment initiator (ITP) calling the Payments API's consents: it signs each request body as a compact JWS
 * (PS256, {@code kid}, {@code typ JWT}; claims {@code aud} = the endpoint's URL, {@code iss} = its organisation
 * id, {@code iat}, a fresh {@code jti}, {@code data}) with the demo partner's registered key, and sends it with
 * the spec's headers. {@link Message} has one knob per thing a bank must refuse. Every answer goes through
 * {@link PaymentsContract} (signature, claims, schema) before a test sees it.
 */
public final class PaymentTpp {

    public static final String CONSENTS = "/consents";
    public static final String CONSENT = "/consents/{consentId}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realmUrl;
    private final String api;
    private final PaymentsContract.Parties parties;

    public PaymentTpp(String realmUrl) {
        this.realmUrl = realmUrl;
        this.api = realmUrl + "/open-banking/payments/v4";
        this.parties = new PaymentsContract.Parties(realmUrl, DemoRealm.PARTNER_ORGANISATION_ID,
                DemoRealm.BANK_ORGANISATION_ID);
    }

    public String consentsUrl() {
        return api + "/consents";
    }

    public String consentUrl(String consentId) {
        return api + "/consents/" + consentId;
    }

    public String realmUrl() {
        return realmUrl;
    }

    /** A correctly signed request carrying {@code data}, to break one thing in before {@link Message#sign()}. */
    public Message message(JsonNode data) {
        return new Message(data, consentsUrl());
    }

    /** {@code POST /consents} with a fresh signature of {@code data} and this idempotency key. */
    public Reply create(String token, JsonNode data, String idempotencyKey, String... extra) {
        return post(token, message(data).sign(), idempotencyKey, extra);
    }

    /**
     * {@code POST /consents} with {@code body} as sent ({@code Content-Type: application/jwt},
     * {@code Accept: application/jwt}); a null key sends no {@code x-idempotency-key}; {@code extra} adds or
     * (with a null value) removes headers.
     */
    public Reply post(String token, String body, String idempotencyKey, String... extra) {
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/jwt"));
        if (idempotencyKey != null) {
            headers.addAll(List.of("x-idempotency-key", idempotencyKey));
        }
        headers.addAll(Arrays.asList(extra)); // may hold nulls (= drop that header)
        return send(token, "POST", consentsUrl(), CONSENTS, body, null, headers.toArray(String[]::new));
    }

    /** {@code GET /consents/{consentId}}. */
    public Reply get(String token, String consentId, String... extra) {
        String url = consentUrl(consentId);
        return send(token, "GET", url, CONSENT, null, url, extra);
    }

    private Reply send(String token, String method, String url, String specPath, String body, String expectedSelf,
                       String... extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-fapi-interaction-id", UUID.randomUUID().toString());
        headers.put("Accept", "application/jwt");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < extra.length; i += 2) {
            String name = extra[i];
            headers.keySet().removeIf(h -> h.equalsIgnoreCase(name));
            if (extra[i + 1] != null) {
                headers.put(name, extra[i + 1]);
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = Http.send(request.build());
        PaymentsContract.Checked checked = PaymentsContract.check(method, specPath, response, parties, expectedSelf);
        return new Reply(response, checked.payload(), checked.signed());
    }

    /** An answer: the payload is the verified JWS's claims for a signed answer, the JSON body otherwise. */
    public record Reply(HttpResponse<String> response, JsonNode payload, boolean signed) {

        public int status() {
            return response.statusCode();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public JsonNode data() {
            return payload.path("data");
        }

        public String consentId() {
            return data().path("consentId").asText(null);
        }

        /** The errors' codes, in order. */
        public List<String> errorCodes() {
            List<String> codes = new ArrayList<>();
            payload.path("errors").forEach(e -> codes.add(e.path("code").asText()));
            return codes;
        }

        public String errorCode() {
            return payload.path("errors").path(0).path("code").asText();
        }

        public String body() {
            return response.body();
        }
    }

    /** A signed request in the making: every claim and header as a partner would send it, until changed. */
    public static final class Message {
        private final JsonNode data;
        private JWSAlgorithm algorithm = JWSAlgorithm.PS256;
        private RSAKey key = PartnerLinks.DEMO_KEY;
        private String kid = PartnerLinks.DEMO_KEY.getKeyID();
        private byte[] hmacSecret;
        private boolean unsigned;
        private boolean tampered;
        private String audience;
        private String issuer = DemoRealm.PARTNER_ORGANISATION_ID;
        private Instant issuedAt = Instant.now();
        private String jti = UUID.randomUUID().toString();
        private final Map<String, Object> extraHeader = new LinkedHashMap<>();
        private Consumer<Map<String, Object>> claimsEdit = c -> { };

        private Message(JsonNode data, String audience) {
            this.data = data;
            this.audience = audience;
        }

        /** Signs with this RSA algorithm instead of PS256 (e.g. RS256), same key. */
        public Message algorithm(JWSAlgorithm rsaAlgorithm) {
            this.algorithm = rsaAlgorithm;
            return this;
        }

        /** HS256 with this secret (a client secret, say) instead of the registered key. */
        public Message hmac(String secret) {
            this.algorithm = JWSAlgorithm.HS256;
            this.hmacSecret = secret.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** {@code alg: none} and an empty signature. */
        public Message unsigned() {
            this.unsigned = true;
            return this;
        }

        /** Signs with {@code other}, naming it by {@code kid} (the registered kid: only the key is wrong). */
        public Message key(RSAKey other, String kid) {
            this.key = other;
            this.kid = kid;
            return this;
        }

        /** Changes the payload after signing (the amount, in place), keeping header and signature. */
        public Message tampered() {
            this.tampered = true;
            return this;
        }

        public Message audience(String value) {
            this.audience = value;
            return this;
        }

        public Message issuer(String value) {
            this.issuer = value;
            return this;
        }

        public Message issuedAt(Instant value) {
            this.issuedAt = value;
            return this;
        }

        public Message jti(String value) {
            this.jti = value;
            return this;
        }

        /** Adds a JOSE header member, e.g. {@code jwk} or {@code jku}. */
        public Message header(String name, Object value) {
            extraHeader.put(name, value);
            return this;
        }

        /** Edits the claims map just before signing (remove {@code data}, say). */
        public Message claims(Consumer<Map<String, Object>> edit) {
            this.claimsEdit = edit;
            return this;
        }

        public String jti() {
            return jti;
        }

        /** The compact JWS. */
        public String sign() {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("aud", audience);
            claims.put("iss", issuer);
            claims.put("iat", issuedAt.getEpochSecond());
            claims.put("jti", jti);
            claims.put("data", JSON.convertValue(data, Map.class));
            claimsEdit.accept(claims);
            String payload = write(claims);
            if (unsigned) {
                return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payload) + ".";
            }
            try {
                Map<String, Object> header = new LinkedHashMap<>();
                header.put("alg", algorithm.getName());
                header.put("typ", JOSEObjectType.JWT.getType());
                header.put("kid", kid);
                header.putAll(extraHeader);
                JWSObject jws = new JWSObject(JWSHeader.parse(header), new Payload(payload));
                jws.sign(hmacSecret != null ? new MACSigner(hmacSecret) : new RSASSASigner(key));
                String compact = jws.serialize();
                if (!tampered) {
                    return compact;
                }
                String[] parts = compact.split("\\.");
                String changed = payload.replace("\"amount\":\"", "\"amount\":\"9");
                if (changed.equals(payload)) {
                    throw new IllegalStateException("nothing to tamper with: the data has no amount");
                }
                return parts[0] + "." + b64(changed) + "." + parts[2];
            } catch (Exception e) {
                throw new IllegalStateException("cannot sign the test message", e);
            }
        }

        private static String write(Object value) {
            try {
                return JSON.writeValueAsString(value);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static String b64(String text) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A payment's {@code data} as a JSON tree, for tests that edit it. */
    public static ObjectNode tree(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
