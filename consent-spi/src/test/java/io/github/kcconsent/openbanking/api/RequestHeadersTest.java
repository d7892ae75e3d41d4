package io.github.kcconsent.openbanking.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.kcconsent.fakes.KeycloakFakes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

class RequestHeadersTest {

    private static final MediaType JWT = new MediaType("application", "jwt");

    // ---- Accept: application/jwt (Payments API answers) -----------------------------------------------

    @Test
    void anAcceptThatAdmitsJwtOrNoAcceptAtAllIsFine() {
        for (List<MediaType> accepted : List.of(List.<MediaType>of(), List.of(JWT), List.of(MediaType.WILDCARD_TYPE),
                List.of(new MediaType("application", "*")), List.of(MediaType.APPLICATION_JSON_TYPE, JWT))) {
            assertDoesNotThrow(() -> headers().accept(accepted).build().requireJwtAccepted(), accepted.toString());
        }
    }

    @Test
    void anAcceptWithoutJwtIs406NamingWhatTheApiAnswers() {
        for (List<MediaType> accepted : List.of(List.of(MediaType.APPLICATION_JSON_TYPE), List.of(MediaType.TEXT_HTML_TYPE),
                List.of(new MediaType("text", "*")))) {
            ApiError e = assertThrows(ApiError.class, () -> headers().accept(accepted).build().requireJwtAccepted());
            assertEquals(406, e.status());
            assertEquals("NAO_ACEITO", e.code());
            assertTrue(e.detail().contains("application/jwt"), e.detail());
        }
    }

    @Test
    void anUnparsableAcceptAcceptsNothing() {
        RequestHeaders headers = headers().acceptThrows().build();
        assertEquals(406, assertThrows(ApiError.class, headers::requireJwtAccepted).status());
        assertEquals(406, assertThrows(ApiError.class, headers::requireJsonAccepted).status());
    }

    // ---- Content-Type: application/jwt (signed request bodies) ------------------------------------------

    @Test
    void aBodyDeclaredAsJwtIsFineWithOrWithoutParameters() {
        assertDoesNotThrow(() -> headers().contentType(JWT).build().requireJwtBody());
        assertDoesNotThrow(() -> headers().contentType(new MediaType("application", "jwt", "utf-8")).build().requireJwtBody());
        assertDoesNotThrow(() -> headers().contentType(new MediaType("APPLICATION", "JWT")).build().requireJwtBody(),
                "media types are case-insensitive");
    }

    @Test
    void aBodyNotDeclaredAsJwtIs415() {
        List<MediaType> refused = new ArrayList<>(List.of(MediaType.APPLICATION_JSON_TYPE, MediaType.TEXT_PLAIN_TYPE,
                new MediaType("text", "jwt"), MediaType.WILDCARD_TYPE, new MediaType("application", "*")));
        refused.add(null);
        for (MediaType type : refused) {
            ApiError e = assertThrows(ApiError.class, () -> headers().contentType(type).build().requireJwtBody(),
                    String.valueOf(type));
            assertEquals(415, e.status());
            assertEquals("TIPO_NAO_SUPORTADO", e.code());
            assertTrue(e.detail().contains("application/jwt"), e.detail());
        }
        assertEquals(415, assertThrows(ApiError.class, () -> headers().contentTypeThrows().build().requireJwtBody()).status());
    }

    @Test
    void aJsonBodyIsNotAJwtBodyAndTheOtherWayRound() {
        assertThrows(ApiError.class, () -> headers().contentType(JWT).build().requireJsonBody());
        assertDoesNotThrow(() -> headers().contentType(MediaType.APPLICATION_JSON_TYPE).build().requireJsonBody());
        assertThrows(ApiError.class,
                () -> headers().contentType(new MediaType("application", "json", "ISO-8859-1")).build().requireJsonBody());
    }

    // ---- x-idempotency-key ----------------------------------------------------------------------------

    @Test
    void anIdempotencyKeyOfOneToFortyCharactersWithoutOuterWhiteSpaceIsReturnedAsSent() {
        for (String key : List.of("k", "a b", "4e3f2c1d-0000-4000-8000-000000000001", "x".repeat(40), "chave-ç")) {
            assertEquals(key, headers().header(RequestHeaders.IDEMPOTENCY_KEY, key).build().requireIdempotencyKey());
        }
    }

    @Test
    void aMissingIdempotencyKeyIs400NotInformed() {
        ApiError e = assertThrows(ApiError.class, () -> headers().build().requireIdempotencyKey());
        assertEquals(400, e.status());
        assertEquals("PARAMETRO_NAO_INFORMADO", e.code());
        assertTrue(e.detail().contains(RequestHeaders.IDEMPOTENCY_KEY));
        assertEquals("PARAMETRO_NAO_INFORMADO", assertThrows(ApiError.class,
                () -> headers().header(RequestHeaders.IDEMPOTENCY_KEY).build().requireIdempotencyKey()).code());
    }

    @Test
    void aMalformedIdempotencyKeyIs400Invalid() {
        for (String key : List.of("", " ", "x".repeat(41), " leading", "trailing ", "\tkey", "key\t")) {
            ApiError e = assertThrows(ApiError.class,
                    () -> headers().header(RequestHeaders.IDEMPOTENCY_KEY, key).build().requireIdempotencyKey(),
                    "'" + key + "'");
            assertEquals(400, e.status());
            assertEquals("PARAMETRO_INVALIDO", e.code());
            assertTrue(!e.detail().contains(key) || key.isBlank(), "the detail never repeats the value");
        }
        ApiError twice = assertThrows(ApiError.class,
                () -> headers().header(RequestHeaders.IDEMPOTENCY_KEY, "a", "b").build().requireIdempotencyKey());
        assertEquals("PARAMETRO_INVALIDO", twice.code(), "one key per request");
    }

    // ---- optional FAPI headers and the renewal's customer headers -------------------------------------

    @Test
    void optionalHeadersMayBeAbsentButNotMalformed() {
        assertDoesNotThrow(() -> headers().build().checkOptional());
        assertDoesNotThrow(() -> headers().header(RequestHeaders.AUTH_DATE, "Sun, 10 Sep 2017 19:43:31 UTC")
                .header(RequestHeaders.CUSTOMER_IP, "198.51.100.10").header(RequestHeaders.CUSTOMER_USER_AGENT, "App/1.0")
                .build().checkOptional());
        assertEquals(400, assertThrows(ApiError.class, () -> headers().header(RequestHeaders.AUTH_DATE, "2017-09-10")
                .build().checkOptional()).status());
        assertEquals(400, assertThrows(ApiError.class, () -> headers()
                .header(RequestHeaders.CUSTOMER_USER_AGENT, "x".repeat(256)).build().checkOptional()).status());
    }

    @Test
    void theRenewalNeedsBothCustomerHeaders() {
        assertEquals(new RequestHeaders.Customer("203.0.113.7", "App/1.0"), headers()
                .header(RequestHeaders.CUSTOMER_IP, "203.0.113.7").header(RequestHeaders.CUSTOMER_USER_AGENT, "App/1.0")
                .build().requireCustomer());
        assertEquals("PARAMETRO_NAO_INFORMADO", assertThrows(ApiError.class, () -> headers()
                .header(RequestHeaders.CUSTOMER_IP, "203.0.113.7").build().requireCustomer()).code());
    }

    // ---- a fake of JAX-RS's request headers -----------------------------------------------------------

    private static Headers headers() {
        return new Headers();
    }

    private static final class Headers {
        private final Map<String, List<String>> values = new HashMap<>();
        private Supplier<List<MediaType>> accept = List::of;
        private Supplier<MediaType> contentType = () -> null;

        Headers header(String name, String... value) {
            values.put(name, List.of(value));
            return this;
        }

        Headers accept(List<MediaType> types) {
            accept = () -> types;
            return this;
        }

        Headers acceptThrows() {
            accept = () -> {
                throw new IllegalArgumentException("unparsable Accept");
            };
            return this;
        }

        Headers contentType(MediaType type) {
            contentType = () -> type;
            return this;
        }

        Headers contentTypeThrows() {
            contentType = () -> {
                throw new IllegalArgumentException("unparsable Content-Type");
            };
            return this;
        }

        RequestHeaders build() {
            HttpHeaders fake = KeycloakFakes.of(HttpHeaders.class)
                    .on("getRequestHeader", 1, a -> values.get((String) a[0]))
                    .on("getAcceptableMediaTypes", 0, a -> accept.get())
                    .on("getMediaType", 0, a -> contentType.get())
                    .build();
            return new RequestHeaders(fake);
        }
    }
}
