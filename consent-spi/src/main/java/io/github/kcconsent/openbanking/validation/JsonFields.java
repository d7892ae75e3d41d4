package io.github.kcconsent.openbanking.validation;

import java.io.IOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcconsent.openbanking.api.ApiError;

/**
 * Strict reading of request bodies: one JSON object, no duplicate keys (two values for one field would let
 * a proxy and us read different requests), nothing after it, and fields of exactly the schema's types.
 * Every failure is a 400 naming the field by its JSON path, never echoing the value.
 */
public final class JsonFields {

    /** Far above any valid body (36 permissions and two documents fit in under 2 KiB). */
    static final int MAX_BODY_CHARS = 16 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonFields() {
    }

    /** @return the body's {@code data} object */
    public static ObjectNode data(String body) {
        if (body == null || body.isBlank()) {
            throw ApiError.malformedBody("O corpo da requisição é obrigatório.");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw ApiError.malformedBody("O corpo da requisição é grande demais.");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiError.malformedBody("O corpo da requisição não é um JSON válido.");
        }
        if (root == null || !root.isObject()) {
            throw ApiError.malformedBody("O corpo da requisição deve ser um objeto JSON.");
        }
        return object((ObjectNode) root, "data", "data", true);
    }

    /** A required or optional object field; absent optional fields give null. */
    public static ObjectNode object(ObjectNode parent, String name, String path, boolean required) {
        JsonNode value = parent.get(name);
        if (value == null) {
            if (required) {
                throw ApiError.missing(path);
            }
            return null;
        }
        if (!value.isObject()) {
            throw ApiError.invalid(path, "deve ser um objeto");
        }
        return (ObjectNode) value;
    }

    /** A string field matching {@code pattern} and at most {@code maxLength} characters; null when optional and absent. */
    public static String text(ObjectNode parent, String name, String path, boolean required, Pattern pattern,
                              int maxLength) {
        JsonNode value = parent.get(name);
        if (value == null) {
            if (required) {
                throw ApiError.missing(path);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.invalid(path, "deve ser um texto");
        }
        String text = value.textValue();
        if (text.length() > maxLength || !pattern.matcher(text).matches()) {
            throw ApiError.invalid(path, "não segue o formato exigido");
        }
        return text;
    }

    /** An optional boolean field; null when absent. */
    public static Boolean bool(ObjectNode parent, String name, String path) {
        JsonNode value = parent.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ApiError.invalid(path, "deve ser true ou false");
        }
        return value.booleanValue();
    }
}
