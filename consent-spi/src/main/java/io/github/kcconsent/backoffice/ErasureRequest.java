package io.github.kcconsent.backoffice;

import java.io.IOException;
import java.util.Map;

import org.keycloak.util.JsonSerialization;

/**
 * The body of {@code POST …/consents/erasure}: {@code {"user": "<username or user id>"}}. A user id alone is
 * accepted even when Keycloak no longer has that user, so the consents of a user removed before the realm erased on
 * removal can still be erased.
 */
final class ErasureRequest {

    static final int MAX_USER_LENGTH = 255;

    private ErasureRequest() {
    }

    /** @throws BadParameterException if the body is not a JSON object with a non-blank string {@code user} */
    static String user(String body) {
        Map<?, ?> request;
        try {
            request = body == null || body.isBlank() ? null : JsonSerialization.readValue(body, Map.class);
        } catch (IOException e) {
            request = null;
        }
        if (request == null) {
            throw new BadParameterException("the body must be a JSON object: {\"user\": \"<username or user id>\"}");
        }
        if (!(request.get("user") instanceof String user) || user.isBlank() || user.length() > MAX_USER_LENGTH) {
            throw new BadParameterException("user must be a username or user id of at most " + MAX_USER_LENGTH + " characters");
        }
        return user.trim();
    }
}
