package io.github.kcconsent.it.support.openbanking;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
 * One official Open Finance OpenAPI file, loaded from the test classpath, with what both contract oracles
 * ({@link ConsentsContract}, {@link PaymentsContract}) need of it: local {@code $ref}s followed, a declared schema
 * compiled with the spec's components beside it (OpenAPI 3.0 dialect of networknt's validator, formats asserted,
 * the two non-schema keys our documents carry declared inert), media types compared as the spec spells them.
 */
final class OpenApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonMetaSchema DIALECT = JsonMetaSchema.builder(OpenApi30.getInstance())
            .keyword(new NonValidationKeyword("components"))
            .keyword(new NonValidationKeyword("x-regulatory-required"))
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(DIALECT).defaultMetaSchemaIri(DIALECT.getIri()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private final JsonNode root;

    OpenApiDocument(String resource) {
        this.root = load(resource);
    }

    JsonNode root() {
        return root;
    }

    /** A schema document: the declared schema (inline or a $ref) with the spec's components beside it. */
    JsonSchema schema(JsonNode declared) {
        ObjectNode document = JSON.createObjectNode();
        document.set("components", root.get("components"));
        document.setAll((ObjectNode) declared.deepCopy());
        return FACTORY.getSchema(document, CONFIG);
    }

    /** The messages of validating {@code instance} against a component schema; empty when it is valid. */
    Set<String> validateAgainst(String componentSchema, JsonNode instance) {
        ObjectNode ref = JSON.createObjectNode().put("$ref", "#/components/schemas/" + componentSchema);
        return schema(ref).validate(instance).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    JsonNode deref(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            assertTrue(ref.startsWith("#/"), "only local refs are expected: " + ref);
            current = root.at(ref.substring(1));
            assertTrue(current.isObject(), "dangling ref " + ref);
        }
        return current;
    }

    /** application/json, application/json; charset=utf-8 and application/jwt as the spec spells them, loosely on spacing and case. */
    static boolean sameMediaType(String declared, String actual) {
        String d = declared.replace(" ", "").toLowerCase(Locale.ROOT);
        String a = actual.replace(" ", "").toLowerCase(Locale.ROOT);
        return d.contains("charset") ? a.equals(d) : a.equals(d) || a.startsWith(d + ";");
    }

    private static JsonNode load(String resource) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // The official files start with a UTF-8 byte order mark, which is not YAML.
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return new YAMLMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
