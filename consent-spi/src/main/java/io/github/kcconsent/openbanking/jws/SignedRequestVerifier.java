package io.github.kcconsent.openbanking.jws;

import java.io.IOException;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import io.github.kcconsent.link.validation.PublicKeyResolver;
import io.github.kcconsent.openbanking.api.ApiError;

/** Verifies a partner's signed request; the rules and their order are in this package's {@code package-info}. */
public final class SignedRequestVerifier {

    /** Far above any valid message (a payment consent with a custom schedule of 60 dates is under 8 KiB). */
    public static final int MAX_LENGTH = 64 * 1024;
    public static final int IAT_TOLERANCE_SECONDS = 60;

    private static final JWSAlgorithm ALGORITHM = JWSAlgorithm.PS256;
    private static final Set<String> HEADER_KEYS = Set.of("jwk", "jku", "x5u", "x5c");
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SignedRequestVerifier() {
    }

    /**
     * @param body     the request body as received
     * @param keys     the partner's registered signing keys
     * @param audience the URL of the endpoint called
     * @param issuer   the partner's organisation id
     */
    public static VerifiedRequest verify(String body, PublicKeyResolver keys, String audience, String issuer,
                                         Instant now) {
        String[] parts = compactParts(body);
        ObjectNode header = json(parts[0], "o cabeçalho");
        String kid = checkHeader(header);
        JWSObject jws = parse(body);
        if (!verifiesWithOneOf(jws, PublicKeyResolver.usableRsaKeys(keys.keysFor(kid, ALGORITHM)))) {
            throw badSignature("A assinatura não confere com nenhuma chave registrada do cliente.");
        }
        ObjectNode claims = json(parts[1], "o conteúdo");
        checkAudience(claims.get("aud"), audience);
        JsonNode iss = claims.get("iss");
        if (iss == null || !iss.isTextual() || !iss.textValue().equals(issuer)) {
            throw invalidClaims("A claim iss não é o identificador da organização do cliente.");
        }
        Instant issuedAt = issuedAt(claims.get("iat"), now);
        JsonNode jti = claims.get("jti");
        if (jti == null || !jti.isTextual() || !UUID.matcher(jti.textValue()).matches()) {
            throw invalidClaims("A claim jti deve ser um UUID.");
        }
        return new VerifiedRequest(claims, jti.textValue(), issuedAt);
    }

    private static String[] compactParts(String body) {
        if (body == null || body.isEmpty() || body.length() > MAX_LENGTH) {
            throw badSignature("O corpo deve ser um JWS compacto assinado.");
        }
        String[] parts = body.trim().split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw badSignature("O corpo deve ser um JWS compacto assinado.");
        }
        return parts;
    }

    /** @return the {@code kid} */
    private static String checkHeader(ObjectNode header) {
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual() || !ALGORITHM.getName().equals(alg.textValue())) {
            throw badSignature("O algoritmo de assinatura deve ser PS256.");
        }
        if (HEADER_KEYS.stream().anyMatch(header::has)) {
            throw badSignature("Chaves no cabeçalho não são aceitas; somente as chaves registradas do cliente.");
        }
        if (header.has("crit")) {
            throw badSignature("Parâmetros críticos de cabeçalho não são suportados.");
        }
        JsonNode typ = header.get("typ");
        if (typ != null && (!typ.isTextual() || !"JWT".equals(typ.textValue()))) {
            throw badSignature("O cabeçalho typ, quando presente, deve ser JWT.");
        }
        JsonNode kid = header.get("kid");
        if (kid == null || !kid.isTextual() || kid.textValue().isEmpty()) {
            throw badSignature("O cabeçalho deve identificar a chave (kid).");
        }
        return kid.textValue();
    }

    private static JWSObject parse(String body) {
        try {
            return JWSObject.parse(body.trim());
        } catch (ParseException e) {
            throw badSignature("O corpo deve ser um JWS compacto assinado.");
        }
    }

    private static boolean verifiesWithOneOf(JWSObject jws, List<RSAPublicKey> candidates) {
        for (RSAPublicKey rsa : candidates) {
            try {
                if (jws.verify(new RSASSAVerifier(rsa))) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // a key the JCA refuses simply does not verify
            }
        }
        return false;
    }

    private static ObjectNode json(String base64url, String what) {
        try {
            JsonNode node = STRICT.readTree(new Base64URL(base64url).decode());
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException | IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw badSignature("Não foi possível ler " + what + " do JWS como um objeto JSON.");
    }

    private static void checkAudience(JsonNode aud, String audience) {
        boolean matches = aud != null && (aud.isTextual() ? aud.textValue().equals(audience)
                : aud.isArray() && !aud.isEmpty() && containsText(aud, audience));
        if (!matches) {
            throw invalidClaims("A claim aud deve ser o endereço do endpoint chamado.");
        }
    }

    private static boolean containsText(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (item.isTextual() && item.textValue().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static Instant issuedAt(JsonNode iat, Instant now) {
        if (iat == null || !iat.isNumber()) {
            throw invalidClaims("A claim iat deve ser um instante numérico (segundos).");
        }
        long seconds = iat.asLong();
        if (Math.abs(seconds - now.getEpochSecond()) > IAT_TOLERANCE_SECONDS) {
            throw invalidClaims("A claim iat está fora da tolerância de " + IAT_TOLERANCE_SECONDS + " segundos.");
        }
        return Instant.ofEpochSecond(seconds);
    }

    static ApiError badSignature(String detail) {
        return new ApiError(400, "BAD_SIGNATURE", "Assinatura inválida", detail);
    }

    static ApiError invalidClaims(String detail) {
        return new ApiError(403, "INVALID_CLIENT", "Mensagem não aceita", detail);
    }
}
