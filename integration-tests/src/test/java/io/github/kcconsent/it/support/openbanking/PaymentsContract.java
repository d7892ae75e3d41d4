package io.github.kcconsent.it.support.openbanking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.kcconsent.it.support.Http;

/**
 * The official Payments API 4.0.0 OpenAPI as a test oracle for our payment consents. For an operation and the
 * status we got it finds the declared response (or {@code default}) and:
 * <ul>
 *   <li>for a signed answer ({@code application/jwt}: 201, 200, 422) verifies the compact JWS first: header
 *       {@code alg} PS256, {@code typ} JWT, a {@code kid} and no key of its own; the signature with the key of
 *       that {@code kid} from the realm's JWKS ({@code /protocol/openid-connect/certs}, fetched over HTTP like a
 *       partner does); {@code aud} the partner's organisation id, {@code iss} the bank's, {@code iat} within 60 s
 *       of now, {@code jti} a UUID never seen before in this run. Then it validates the payload (the claims)
 *       against the declared schema;</li>
 *   <li>for a plain answer validates the JSON body against the declared schema and media type.</li>
 * </ul>
 * Every answer must carry a UUID {@code x-fapi-interaction-id} and our {@code x-v}.
 *
 * <p><b>One narrow exception: {@code links.self}.</b> The spec's {@code LinkSingle.self} pattern
 * ({@code ^(https:\/\/)?(www\.)?[-a-zA-Z0-9@:%._\+~#=]{2,256}\.[a-z]{2,6}\b…}) only admits a host with a
 * top-level domain, optionally after {@code https://}; the test server's {@code http://localhost:8080/…} can
 * never match it. So the oracle checks {@code self} on its own, as exactly the URL the caller expects (the
 * consent's own address under the realm's base URL), and validates the payload with only the scheme and
 * authority of {@code self} replaced by the spec's production server ({@value #SPEC_ORIGIN}): path, length and
 * format {@code uri} are still validated by the schema, and nothing else is touched.
 */
public final class PaymentsContract {

    public static final String SPEC_RESOURCE = "/openbanking/ofb-payments-4.0.0.yml";
    /** {@code servers[0]} of the spec: stands in for the test server's origin in {@code links.self} only. */
    static final String SPEC_ORIGIN = "https://api.banco.com.br";
    static final long IAT_TOLERANCE_SECONDS = 60;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiDocument DOC = new OpenApiDocument(SPEC_RESOURCE);
    private static final JsonNode SPEC = DOC.root();
    private static final Set<String> HEADER_KEYS = Set.of("jwk", "jku", "x5u", "x5c");
    private static final String UUID_PATTERN =
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    /** Realm JWKS by certs URL; fetched again when a kid is not in it (a rotated key). */
    private static final Map<String, JWKSet> JWKS = new ConcurrentHashMap<>();
    /** Every jti of a signed answer seen in this run: each answer has its own. */
    private static final Set<String> SEEN_JTIS = ConcurrentHashMap.newKeySet();

    /** Who a signed answer is from and to. */
    public record Parties(String realmUrl, String partnerOrganisation, String bankOrganisation) {
    }

    /**
     * A checked answer.
     *
     * @param payload the JWS claims for a signed answer, the JSON body otherwise (null when there is none)
     * @param signed  whether the answer was a verified JWS
     */
    public record Checked(JsonNode payload, boolean signed) {
    }

    private PaymentsContract() {
    }

    /**
     * Asserts {@code response} is what the spec allows for {@code method pathTemplate}.
     *
     * @param pathTemplate as written in the spec: {@code /consents} or {@code /consents/{consentId}}
     * @param expectedSelf the exact {@code links.self} expected, or null to expect the consent's own URL
     *                     ({@code <realm>/open-banking/payments/v4/consents/<data.consentId>})
     */
    public static Checked check(String method, String pathTemplate, HttpResponse<String> response, Parties parties,
                                String expectedSelf) {
        JsonNode operation = SPEC.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        assertTrue(operation.isObject(), "the spec has no " + method + " " + pathTemplate);
        JsonNode declared = operation.path("responses").get(String.valueOf(response.statusCode()));
        if (declared == null) {
            declared = operation.path("responses").get("default");
        }
        String where = method + " " + pathTemplate + " → " + response.statusCode() + ": ";
        assertNotNull(declared, where + "declares no such status and no default");
        declared = DOC.deref(declared);

        String interactionId = response.headers().firstValue("x-fapi-interaction-id").orElse(null);
        assertNotNull(interactionId, where + "x-fapi-interaction-id missing");
        assertTrue(interactionId.matches(UUID_PATTERN), where + "x-fapi-interaction-id is not a UUID");
        assertEquals("4.0.0", response.headers().firstValue("x-v").orElse(null), where + "x-v");

        JsonNode content = declared.get("content");
        String body = response.body();
        if (content == null) {
            assertTrue(body == null || body.isEmpty(), where + "the spec declares no body, got one");
            return new Checked(null, false);
        }
        Map.Entry<String, JsonNode> media = content.fields().next();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(OpenApiDocument.sameMediaType(media.getKey(), contentType), where + "Content-Type " + contentType
                + " where the spec declares " + media.getKey());
        JsonNode schema = media.getValue().get("schema");
        if ("application/jwt".equals(media.getKey())) {
            ObjectNode claims = verifySigned(where, body, parties);
            validate(where, schema, forSchema(where, claims, parties, expectedSelf), body);
            return new Checked(claims, true);
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(where + "body is not JSON: " + body);
        }
        validate(where, schema, instance, body);
        return new Checked(instance, false);
    }

    /** The component schema names, for a sanity test that the spec loaded. */
    public static Iterator<String> componentSchemas() {
        return SPEC.path("components").path("schemas").fieldNames();
    }

    /** Validates a bare JSON value against a component schema, e.g. a request's payload. */
    public static Set<String> validateAgainst(String componentSchema, JsonNode instance) {
        return DOC.validateAgainst(componentSchema, instance);
    }

    // ---- signed answers --------------------------------------------------------------------------------

    private static ObjectNode verifySigned(String where, String body, Parties parties) {
        JWSObject jws;
        try {
            jws = JWSObject.parse(body);
        } catch (ParseException e) {
            throw new AssertionError(where + "a signed answer is not a compact JWS: " + body);
        }
        assertEquals(JWSAlgorithm.PS256, jws.getHeader().getAlgorithm(), where + "alg");
        assertNotNull(jws.getHeader().getType(), where + "typ missing");
        assertEquals("JWT", jws.getHeader().getType().getType(), where + "typ");
        String kid = jws.getHeader().getKeyID();
        assertNotNull(kid, where + "kid missing");
        for (String name : HEADER_KEYS) {
            assertFalse(jws.getHeader().toJSONObject().containsKey(name), where + "header carries " + name);
        }
        RSAKey key = realmKey(parties.realmUrl(), kid);
        try {
            assertTrue(jws.verify(new RSASSAVerifier((RSAPublicKey) key.toPublicKey())),
                    where + "the signature does not verify with the realm's key " + kid);
        } catch (JOSEException e) {
            throw new AssertionError(where + "cannot verify: " + e.getMessage());
        }
        ObjectNode claims;
        try {
            claims = (ObjectNode) JSON.readTree(jws.getPayload().toString());
        } catch (IOException | ClassCastException e) {
            throw new AssertionError(where + "the payload is not a JSON object");
        }
        assertEquals(parties.partnerOrganisation(), claims.path("aud").asText(null), where + "aud");
        assertTrue(claims.path("aud").isTextual(), where + "aud is one organisation id");
        assertEquals(parties.bankOrganisation(), claims.path("iss").asText(null), where + "iss");
        assertTrue(claims.path("iat").isIntegralNumber(), where + "iat must be a NumericDate");
        long skew = Math.abs(claims.path("iat").asLong() - Instant.now().getEpochSecond());
        assertTrue(skew <= IAT_TOLERANCE_SECONDS, where + "iat is " + skew + " s away from now");
        String jti = claims.path("jti").asText("");
        assertTrue(jti.matches(UUID_PATTERN), where + "jti must be a UUID: " + jti);
        assertTrue(SEEN_JTIS.add(jti), where + "jti " + jti + " was used by an earlier answer");
        return claims;
    }

    /** The realm's signing key of this kid, as any partner gets it: its public JWKS. */
    private static RSAKey realmKey(String realmUrl, String kid) {
        String certs = realmUrl + "/protocol/openid-connect/certs";
        JWK key = JWKS.computeIfAbsent(certs, PaymentsContract::fetch).getKeyByKeyId(kid);
        if (key == null) {
            key = JWKS.compute(certs, (url, old) -> fetch(url)).getKeyByKeyId(kid);
        }
        assertNotNull(key, "the realm's JWKS has no key " + kid);
        assertTrue(key instanceof RSAKey, "key " + kid + " is not RSA");
        assertTrue(key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()), "key " + kid + " is not for signing");
        assertTrue(key.getAlgorithm() == null || JWSAlgorithm.PS256.equals(key.getAlgorithm()),
                "key " + kid + " is published for " + key.getAlgorithm() + ", not PS256");
        return (RSAKey) key;
    }

    private static JWKSet fetch(String certsUrl) {
        HttpResponse<String> response = Http.get(certsUrl);
        assertEquals(200, response.statusCode(), "JWKS " + certsUrl);
        try {
            return JWKSet.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("the realm's JWKS does not parse: " + e.getMessage());
        }
    }

    /**
     * The claims as the schema sees them: {@code links.self} checked here as exactly the expected URL and then
     * given the spec's origin (see the class comment); everything else as signed.
     */
    private static JsonNode forSchema(String where, ObjectNode claims, Parties parties, String expectedSelf) {
        JsonNode self = claims.path("links").path("self");
        if (!self.isTextual()) {
            return claims; // the schema reports what is missing
        }
        String expected = expectedSelf != null ? expectedSelf
                : parties.realmUrl() + "/open-banking/payments/v4/consents/" + claims.path("data").path("consentId").asText();
        assertEquals(expected, self.textValue(), where + "links.self");
        URI uri = URI.create(self.textValue());
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        ObjectNode copy = claims.deepCopy();
        ((ObjectNode) copy.get("links")).put("self", SPEC_ORIGIN + self.textValue().substring(origin.length()));
        return copy;
    }

    // ---- the spec -------------------------------------------------------------------------------------

    private static void validate(String where, JsonNode declaredSchema, JsonNode instance, String body) {
        Set<ValidationMessage> errors = DOC.schema(declaredSchema).validate(instance);
        assertEquals(Set.of(), errors.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet()),
                where + "body does not match the spec: " + body);
    }





    /** The signed answers' schemas this oracle relies on, for a sanity test. */
    public static List<String> signedSchemas() {
        return List.of("ResponseCreatePaymentConsent", "ResponsePaymentConsent", "422ResponseErrorCreateConsent");
    }
}
