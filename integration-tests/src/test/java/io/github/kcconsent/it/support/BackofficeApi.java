package io.github.kcconsent.it.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/** The back-office API of a realm ({@code /admin/realms/{realm}/consents}) called with a staff token. */
public final class BackofficeApi {

    private final String base;

    public BackofficeApi(ManagedRealm realm) {
        this.base = realm.getBaseUrl().replace("/realms/", "/admin/realms/") + "/consents";
    }

    /** The API's own URL, for calls this class does not make (no token at all, say). */
    public String url() {
        return base;
    }

    public HttpResponse<String> get(String token, String pathAndQuery) {
        return Http.get(base + pathAndQuery, "Authorization", "Bearer " + token);
    }

    public HttpResponse<String> post(String token, String path, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The answer's JSON object, whatever its status. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JsonSerialization.readValue(response.body(), Map.class);
        } catch (Exception e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body());
        }
    }

    /** The JSON object of a 200 answer; anything else fails the test with the body. */
    public static Map<String, Object> ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200, was " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }
}
