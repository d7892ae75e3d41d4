package io.github.kcconsent.openbanking.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ApiResponsesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T15:00:00.750Z");
    private static final String INTERACTION = "d78fc4e5-37ca-4da3-adf2-9b082bf92280";
    private static final ApiResponses PAYMENTS = new ApiResponses(new InteractionId(INTERACTION, true), NOW, "4.0.0");

    @Test
    void aSignedAnswerCarriesTheJwsAsIsWithTheHeadersEveryAnswerHas() {
        String jws = "eyJhbGciOiJQUzI1NiJ9.eyJkYXRhIjp7fX0.c2ln";
        Response response = PAYMENTS.signed(201, jws);

        assertEquals(201, response.getStatus());
        assertEquals("application/jwt", String.valueOf(response.getHeaderString(HttpHeaders.CONTENT_TYPE)));
        assertEquals(jws, response.getEntity(), "the compact JWS, not JSON around it");
        assertEquals("4.0.0", response.getHeaderString(ApiResponses.VERSION_HEADER), "the Payments API's version");
        assertEquals(INTERACTION, response.getHeaderString(InteractionId.HEADER));
        assertTrue(response.getHeaderString(HttpHeaders.CACHE_CONTROL).contains("no-store"));
        assertNull(response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void aSigned422IsStillA422() {
        assertEquals(422, PAYMENTS.signed(422, "a.b.c").getStatus());
    }

    @Test
    void theErrorBodyToSignListsTheErrorsInOrderWithTheRequestTime() {
        Map<String, Object> body = PAYMENTS.errorBody(List.of(
                ApiError.unprocessable("DATA_PAGAMENTO_INVALIDA", "Data de pagamento inválida", "O campo x é inválido."),
                ApiError.unprocessable("ERRO_IDEMPOTENCIA", "Erro idempotência", "Outro conteúdo.")));

        assertEquals(List.of("errors", "meta"), List.copyOf(body.keySet()));
        assertEquals(List.of(
                        Map.of("code", "DATA_PAGAMENTO_INVALIDA", "title", "Data de pagamento inválida",
                                "detail", "O campo x é inválido."),
                        Map.of("code", "ERRO_IDEMPOTENCIA", "title", "Erro idempotência", "detail", "Outro conteúdo.")),
                body.get("errors"));
        assertEquals(Map.of("requestDateTime", "2026-03-01T15:00:00Z"), body.get("meta"), "whole seconds, UTC");
    }

    @Test
    void aPlainErrorIsTheSameBodyAsJsonWithItsStatus() {
        ApiError error = ApiError.unsupportedMediaType("application/jwt");
        Response response = PAYMENTS.error(error);
        assertEquals(415, response.getStatus());
        assertEquals("application/json; charset=utf-8", response.getHeaderString(HttpHeaders.CONTENT_TYPE));
        assertEquals("{\"errors\":[{\"code\":\"TIPO_NAO_SUPORTADO\",\"title\":\"Formato do corpo não suportado\","
                + "\"detail\":\"O corpo da requisição deve ser application/jwt.\"}],"
                + "\"meta\":{\"requestDateTime\":\"2026-03-01T15:00:00Z\"}}", response.getEntity());
        assertEquals("4.0.0", response.getHeaderString(ApiResponses.VERSION_HEADER));
        assertEquals("Bearer", PAYMENTS.error(ApiError.unauthorized()).getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }
}
