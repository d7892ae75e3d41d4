package io.github.kcconsent.it.support.openbanking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;

/**
 * The official Consents API 3.3.1 OpenAPI as a test oracle: for an operation (path template and method) and
 * the status we got, it finds the response the spec declares (or {@code default}), follows the
 * {@code $ref}s, and checks the declared headers, the media type and the body against the declared schema
 * (OpenAPI 3.0 dialect of networknt's validator, formats asserted).
 */
public final class ConsentsContract {

    public static final String SPEC_RESOURCE = "/openbanking/ofb-consents-3.3.1.yml";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiDocument DOC = new OpenApiDocument(SPEC_RESOURCE);
    private static final JsonNode SPEC = DOC.root();
    /** OpenAPI 3.0's schema dialect, plus the two non-schema keys our documents carry, declared as inert. */

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
        declared = DOC.deref(declared);

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
        assertTrue(OpenApiDocument.sameMediaType(media.getKey(), contentType), where + "Content-Type " + contentType
                + " where the spec declares " + media.getKey());
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(where + "body is not JSON: " + body);
        }
        Set<ValidationMessage> errors = DOC.schema(media.getValue().get("schema")).validate(instance);
        assertEquals(Set.of(), errors.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet()),
                where + "body does not match the spec: " + body);
        return instance;
    }

    /** Validates a bare JSON value against a component schema, e.g. for request examples. */
    public static Set<String> validateAgainst(String componentSchema, JsonNode instance) {
        return DOC.validateAgainst(componentSchema, instance);
    }





    /** The component schema names, for a sanity test that the spec loaded. */
    public static Iterator<String> componentSchemas() {
        return SPEC.path("components").path("schemas").fieldNames();
    }
}
