package io.github.kcconsent.it.support.openbanking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;

/**
 * The official Consents API 3.3.1 OpenAPI as a test oracle: for an operation (path template and method) and
 * the status we got, it finds the response the spec declares (or {@code default}), follows the
 * {@code $ref}s, and checks the declared headers, the media type and the body against the declared schema
 * (OpenAPI 3.0 dialect of networknt's validator, formats asserted).
 */
public final class ConsentsContract {

    public static final String SPEC_RESOURCE = "/openbanking/ofb-consents-3.3.1.yml";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SPEC = load();
    /** OpenAPI 3.0's schema dialect, plus the two non-schema keys our documents carry, declared as inert. */
    private static final JsonMetaSchema DIALECT = JsonMetaSchema.builder(OpenApi30.getInstance())
            .keyword(new NonValidationKeyword("components"))
            .keyword(new NonValidationKeyword("x-regulatory-required"))
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(DIALECT).defaultMetaSchemaIri(DIALECT.getIri()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private ConsentsContract() {
    }

    /**
     * Asserts {@code response} is what the spec allows for {@code method pathTemplate}.
     *
     * @param pathTemplate as written in the spec, e.g. {@code /consents/{consentId}}
     * @return the parsed body (null for an empty one)
     */
    public static JsonNode check(String method, String pathTemplate, HttpResponse<String> response) {
        JsonNode operation = SPEC.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        assertTrue(operation.isObject(), "the spec has no " + method + " " + pathTemplate);
        JsonNode declared = operation.path("responses").get(String.valueOf(response.statusCode()));
        if (declared == null) {
            declared = operation.path("responses").get("default");
        }
        assertNotNull(declared, method + " " + pathTemplate + " declares no " + response.statusCode() + " and no default");
        declared = deref(declared);

        String where = method + " " + pathTemplate + " → " + response.statusCode() + ": ";
        // Every response must carry x-v (required from 3.3.0) and the interaction id.
        String version = response.headers().firstValue("x-v").orElse(null);
        assertNotNull(version, where + "x-v missing");
        assertTrue(version.matches("^\\d+\\.\\d+\\.\\d+$"), where + "x-v " + version);
        String interactionId = response.headers().firstValue("x-fapi-interaction-id").orElse(null);
        assertNotNull(interactionId, where + "x-fapi-interaction-id missing");
        assertTrue(interactionId.matches("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"),
                where + "x-fapi-interaction-id is not a UUID");

        JsonNode content = declared.get("content");
        String body = response.body();
        if (content == null) {
            assertTrue(body == null || body.isEmpty(), where + "the spec declares no body, got one");
            return null;
        }
        Map.Entry<String, JsonNode> media = content.fields().next();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(sameMediaType(media.getKey(), contentType), where + "Content-Type " + contentType
                + " where the spec declares " + media.getKey());
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(where + "body is not JSON: " + body);
        }
        Set<ValidationMessage> errors = schema(media.getValue().get("schema")).validate(instance);
        assertEquals(Set.of(), errors.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet()),
                where + "body does not match the spec: " + body);
        return instance;
    }

    /** Validates a bare JSON value against a component schema, e.g. for request examples. */
    public static Set<String> validateAgainst(String componentSchema, JsonNode instance) {
        ObjectNode ref = JSON.createObjectNode().put("$ref", "#/components/schemas/" + componentSchema);
        return schema(ref).validate(instance).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    /** application/json and application/json; charset=utf-8 as the spec spells them, compared loosely on spacing and case. */
    private static boolean sameMediaType(String declared, String actual) {
        String d = declared.replace(" ", "").toLowerCase(Locale.ROOT);
        String a = actual.replace(" ", "").toLowerCase(Locale.ROOT);
        return d.contains("charset") ? a.equals(d) : a.equals(d) || a.startsWith(d + ";");
    }

    /** A schema document: the declared schema (inline or a $ref) with the spec's components beside it to resolve refs. */
    private static JsonSchema schema(JsonNode declared) {
        ObjectNode document = JSON.createObjectNode();
        document.set("components", SPEC.get("components"));
        document.setAll((ObjectNode) declared.deepCopy());
        return FACTORY.getSchema(document, CONFIG);
    }

    private static JsonNode deref(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            assertTrue(ref.startsWith("#/"), "only local refs are expected: " + ref);
            current = SPEC.at(ref.substring(1));
            assertTrue(current.isObject(), "dangling ref " + ref);
        }
        return current;
    }

    private static JsonNode load() {
        try (InputStream in = ConsentsContract.class.getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SPEC_RESOURCE + " is not on the test classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // The official file starts with a UTF-8 byte order mark, which is not YAML.
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return new YAMLMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The component schema names, for a sanity test that the spec loaded. */
    public static Iterator<String> componentSchemas() {
        return SPEC.path("components").path("schemas").fieldNames();
    }
}
