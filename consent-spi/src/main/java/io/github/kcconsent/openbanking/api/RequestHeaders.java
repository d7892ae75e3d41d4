package io.github.kcconsent.openbanking.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The request headers the spec defines besides {@code Authorization} and {@code x-fapi-interaction-id}:
 * content negotiation and the FAPI customer headers, each checked against the spec's pattern and length.
 */
public final class RequestHeaders {

    public static final String AUTH_DATE = "x-fapi-auth-date";
    public static final String CUSTOMER_IP = "x-fapi-customer-ip-address";
    public static final String CUSTOMER_USER_AGENT = "x-customer-user-agent";
    /** Payments API: required on {@code POST /consents}. */
    public static final String IDEMPOTENCY_KEY = "x-idempotency-key";
    /** The signed-message media type of the Payments API. */
    public static final MediaType JWT_TYPE = new MediaType("application", "jwt");

    private static final Pattern AUTH_DATE_PATTERN = Pattern.compile(
            "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                    + "\\d{2}:\\d{2}:\\d{2} (GMT|UTC)$");
    /** The spec's x-idempotency-key: no white space at either end. */
    private static final Pattern IDEMPOTENCY_KEY_PATTERN = Pattern.compile("^(?!\\s)(.*)(\\S)$");
    /** No white space at either end: the schema of the renewal history requires it of stored values. */
    private static final Pattern TRIMMED = Pattern.compile("^[^\\s](.*[^\\s])?$");
    private static final Pattern ANYTHING = Pattern.compile("^.*$");

    /** The customer's context a renewal must carry (and that its history shows). */
    public record Customer(String ipAddress, String userAgent) {
    }

    private final HttpHeaders headers;

    public RequestHeaders(HttpHeaders headers) {
        this.headers = headers;
    }

    /** 406 unless the client accepts JSON (no Accept header means anything). */
    public void requireJsonAccepted() {
        List<MediaType> accepted;
        try {
            accepted = headers.getAcceptableMediaTypes();
        } catch (RuntimeException e) {
            throw ApiError.notAcceptable(); // an unparsable Accept header accepts nothing we could send
        }
        if (accepted.isEmpty() || accepted.stream().anyMatch(m -> m.isCompatible(MediaType.APPLICATION_JSON_TYPE))) {
            return;
        }
        throw ApiError.notAcceptable();
    }

    /** 406 unless the client accepts {@code application/jwt} (no Accept header means anything). */
    public void requireJwtAccepted() {
        List<MediaType> accepted;
        try {
            accepted = headers.getAcceptableMediaTypes();
        } catch (RuntimeException e) {
            throw ApiError.notAcceptable(JWT_TYPE.toString());
        }
        if (accepted.isEmpty() || accepted.stream().anyMatch(m -> m.isCompatible(JWT_TYPE))) {
            return;
        }
        throw ApiError.notAcceptable(JWT_TYPE.toString());
    }

    /** 415 unless the body is declared as {@code application/jwt}. */
    public void requireJwtBody() {
        MediaType type;
        try {
            type = headers.getMediaType();
        } catch (RuntimeException e) {
            throw ApiError.unsupportedMediaType(JWT_TYPE.toString());
        }
        if (type == null || !JWT_TYPE.isCompatible(type) || type.isWildcardType() || type.isWildcardSubtype()) {
            throw ApiError.unsupportedMediaType(JWT_TYPE.toString());
        }
    }

    /** The required {@code x-idempotency-key}: 1 to 40 characters, no white space at either end. */
    public String requireIdempotencyKey() {
        return single(IDEMPOTENCY_KEY, true, IDEMPOTENCY_KEY_PATTERN, 1, 40);
    }

    /** 415 unless the body is declared as JSON (in UTF-8, if a charset is named). */
    public void requireJsonBody() {
        MediaType type;
        try {
            type = headers.getMediaType();
        } catch (RuntimeException e) {
            throw ApiError.unsupportedMediaType();
        }
        if (type == null || !"application".equalsIgnoreCase(type.getType())
                || !"json".equalsIgnoreCase(type.getSubtype())) {
            throw ApiError.unsupportedMediaType();
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !StandardCharsets.UTF_8.name().equalsIgnoreCase(charset)) {
            throw ApiError.unsupportedMediaType();
        }
    }

    /** The optional FAPI headers every endpoint declares: when sent, they must be well formed. */
    public void checkOptional() {
        single(AUTH_DATE, false, AUTH_DATE_PATTERN, 29, 29);
        single(CUSTOMER_IP, false, ANYTHING, 1, 100);
        single(CUSTOMER_USER_AGENT, false, TRIMMED, 1, 255);
    }

    /** {@code /extends}: both customer headers are required there. */
    public Customer requireCustomer() {
        String ip = single(CUSTOMER_IP, true, TRIMMED, 1, 100);
        String userAgent = single(CUSTOMER_USER_AGENT, true, TRIMMED, 1, 255);
        return new Customer(ip, userAgent);
    }

    private String single(String name, boolean required, Pattern pattern, int min, int max) {
        List<String> values = headers.getRequestHeader(name);
        if (values == null || values.isEmpty()) {
            if (required) {
                throw ApiError.missingHeader(name);
            }
            return null;
        }
        String value = values.get(0);
        if (values.size() != 1 || value == null || value.length() < min || value.length() > max
                || !pattern.matcher(value).matches()) {
            throw ApiError.invalidHeader(name);
        }
        return value;
    }
}
