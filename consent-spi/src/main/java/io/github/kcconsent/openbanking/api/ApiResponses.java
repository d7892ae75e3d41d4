package io.github.kcconsent.openbanking.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Every response of the Consents API goes through here, so each one carries {@code x-v},
 * {@code x-fapi-interaction-id} and {@code Cache-Control: no-store} (bodies hold consent data), and every
 * body has the spec's {@code data}/{@code links}/{@code meta} or {@code errors}/{@code meta} shape.
 */
public final class ApiResponses {

    /** The Consents API version we implement; the spec requires it in {@code x-v} on every response. */
    public static final String API_VERSION = "3.3.1";
    public static final String VERSION_HEADER = "x-v";
    static final String JSON = "application/json";
    /** The spec declares error bodies with an explicit charset. */
    static final String ERROR_JSON = "application/json; charset=utf-8";

    /** Immutable once built; Jackson mappers are thread-safe for writing. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final InteractionId interactionId;
    private final Instant requestTime;

    public ApiResponses(InteractionId interactionId, Instant requestTime) {
        this.interactionId = interactionId;
        this.requestTime = requestTime;
    }

    public Response ok(int status, Map<String, Object> data, Map<String, Object> links, Map<String, Object> meta) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("links", links);
        body.put("meta", meta);
        return build(status, JSON, body);
    }

    public Response list(List<Map<String, Object>> data, Map<String, Object> links, Map<String, Object> meta) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("links", links);
        body.put("meta", meta);
        return build(200, JSON, body);
    }

    public Response noContent() {
        return headers(Response.noContent()).build();
    }

    public Response error(ApiError error) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", error.code());
        item.put("title", error.title());
        item.put("detail", error.detail());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(item));
        body.put("meta", meta());
        Response.ResponseBuilder builder = headers(Response.status(error.status()))
                .type(ERROR_JSON).entity(write(body));
        if (error.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder.build();
    }

    /** {@code meta} of single-resource answers and errors: just when we answered. */
    public Map<String, Object> meta() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("requestDateTime", ApiDates.format(requestTime));
        return meta;
    }

    public Instant requestTime() {
        return requestTime;
    }

    public InteractionId interactionId() {
        return interactionId;
    }

    private Response build(int status, String type, Object body) {
        return headers(Response.status(status)).type(type).entity(write(body)).build();
    }

    private Response.ResponseBuilder headers(Response.ResponseBuilder builder) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return builder.header(VERSION_HEADER, API_VERSION)
                .header(InteractionId.HEADER, interactionId.value())
                .cacheControl(noStore);
    }

    private static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            // Only maps, lists, strings and numbers are written: this cannot happen with our own bodies.
            throw new IllegalStateException("cannot write a response body", e);
        }
    }
}
