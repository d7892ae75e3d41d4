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
 * Every response of the Open Finance APIs goes through here, so each one carries {@code x-v} (the API's
 * version), {@code x-fapi-interaction-id} and {@code Cache-Control: no-store} (bodies hold consent data), and
 * every body has the spec's {@code data}/{@code links}/{@code meta} or {@code errors}/{@code meta} shape; a
 * signed body ({@code application/jwt}, Payments API) is built by the caller and sent through {@link #signed}.
 */
public final class ApiResponses {

    /** The Consents API version we implement; the spec requires it in {@code x-v} on every response. */
    public static final String API_VERSION = "3.3.1";
    public static final String VERSION_HEADER = "x-v";
    static final String JSON = "application/json";
    /** The spec declares error bodies with an explicit charset. */
    static final String ERROR_JSON = "application/json; charset=utf-8";
    /** A compact JWS body (Payments API). */
    public static final String JWT = "application/jwt";

    /** Immutable once built; Jackson mappers are thread-safe for writing. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final InteractionId interactionId;
    private final Instant requestTime;
    private final String apiVersion;

    /** For the Consents API ({@value #API_VERSION}). */
    public ApiResponses(InteractionId interactionId, Instant requestTime) {
        this(interactionId, requestTime, API_VERSION);
    }

    public ApiResponses(InteractionId interactionId, Instant requestTime, String apiVersion) {
        this.interactionId = interactionId;
        this.requestTime = requestTime;
        this.apiVersion = apiVersion;
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

    /** A body the caller signed: {@code application/jwt}. */
    public Response signed(int status, String compactJws) {
        return headers(Response.status(status)).type(JWT).entity(compactJws).build();
    }

    /** The {@code errors}/{@code meta} body of {@link #error}, for a caller that signs it (a Payments 422). */
    public Map<String, Object> errorBody(List<ApiError> errors) {
        List<Map<String, Object>> items = errors.stream().map(ApiResponses::errorItem).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", items);
        body.put("meta", meta());
        return body;
    }

    public Response noContent() {
        return headers(Response.noContent()).build();
    }

    public Response error(ApiError error) {
        Map<String, Object> body = errorBody(List.of(error));
        Response.ResponseBuilder builder = headers(Response.status(error.status()))
                .type(ERROR_JSON).entity(write(body));
        if (error.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder.build();
    }

    private static Map<String, Object> errorItem(ApiError error) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", error.code());
        item.put("title", error.title());
        item.put("detail", error.detail());
        return item;
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
        return builder.header(VERSION_HEADER, apiVersion)
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
