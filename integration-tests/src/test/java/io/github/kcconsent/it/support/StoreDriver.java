package io.github.kcconsent.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.util.JsonSerialization;

/** Talks to the test-only {@code /realms/{realm}/kcconsent-testing} resource that drives the consent store. */
public final class StoreDriver {

    public record Reply(int status, Object body) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            return (Map<String, Object>) body;
        }

        @SuppressWarnings("unchecked")
        public List<Object> list() {
            return (List<Object>) body;
        }
    }

    private final String base;

    public StoreDriver(String realmBaseUrl) {
        this.base = realmBaseUrl + "/kcconsent-testing";
    }

    public Reply post(String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(90))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(body)))
                    .build();
            return parse(Http.send(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply get(String path) {
        return parse(Http.get(base + path));
    }

    /**
     * Moves the server's clock {@code seconds} from the real time (0: back to it), as Keycloak's own test suite
     * does ({@code Time.setOffset}).
     */
    public void moveServerClock(int seconds) {
        Reply reply = post("/time-offset", Map.of("seconds", seconds));
        if (reply.status() != 200) {
            throw new AssertionError("moving the server's clock failed: " + reply);
        }
    }

    public Map<String, Object> create(Map<String, Object> body) {
        Reply reply = post("/consents", body);
        if (reply.status() != 200) {
            throw new AssertionError("create failed: " + reply);
        }
        return reply.map();
    }

    /** An Open Finance data-sharing consent (accounts, one hour) of the client for the CPF; returns its id. */
    public String createDataSharing(String clientId, String cpf) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", clientId);
        body.put("type", "DATA_SHARING");
        body.put("origin", "OPEN_FINANCE_API");
        body.put("permissions", List.of("ACCOUNTS_READ", "RESOURCES_READ"));
        body.put("expiresInSeconds", 3600);
        body.put("cpf", cpf);
        return (String) create(body).get("id");
    }

    /** Authorises the consent for the user with one account {@code acc-0001} (type CONTA) labelled {@code label}. */
    public String authorise(String id, String userId, String label) {
        Reply reply = post("/consents/" + encode(id) + "/authorise", Map.of("userId", userId,
                "resources", List.of(Map.of("resourceId", "acc-0001", "type", "CONTA", "label", label))));
        if (reply.status() != 200) {
            throw new AssertionError("authorise failed: " + reply);
        }
        return id;
    }

    /** Ends the consent as the customer's decision with this reason (revoked if authorised, rejected if awaiting). */
    public void reject(String id, String reason) {
        Reply reply = post("/consents/" + encode(id) + "/reject", Map.of("rejectedBy", "USER", "reason", reason));
        if (reply.status() != 200) {
            throw new AssertionError("reject failed: " + reply);
        }
    }

    public Map<String, Object> consent(String id) {
        Reply reply = get("/consents/" + encode(id));
        if (reply.status() != 200) {
            throw new AssertionError("read failed: " + reply);
        }
        return reply.map();
    }

    /**
     * The consent's stored status, version and history as one string: what "a refusal changed nothing"
     * compares before and after (a status check alone misses an extra history entry or a bumped version).
     */
    public String snapshot(String id) {
        Reply stored = get("/consents/" + encode(id) + "/stored");
        Reply history = get("/consents/" + encode(id) + "/history");
        if (stored.status() != 200 || history.status() != 200) {
            throw new AssertionError("snapshot failed: " + stored + " " + history);
        }
        return stored.map().get("status") + " v" + stored.map().get("version") + " " + history.list();
    }

    public static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static Reply parse(HttpResponse<String> response) {
        try {
            String body = response.body();
            Object parsed = body == null || body.isEmpty() ? null : JsonSerialization.readValue(body, Object.class);
            return new Reply(response.statusCode(), parsed);
        } catch (IOException e) {
            return new Reply(response.statusCode(), response.body());
        }
    }
}
