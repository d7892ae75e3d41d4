package io.github.kcconsent.openbanking.consents.validation;

import java.time.Instant;
import java.util.List;
import io.github.kcconsent.openbanking.api.ApiError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CreateConsentRequestTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String USER = "\"loggedUser\":{\"document\":{\"identification\":\"52998224725\",\"rel\":\"CPF\"}}";
    static final String PERMISSIONS = "\"permissions\":[\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\",\"RESOURCES_READ\"]";

    private static ApiError refused(String body) {
        return assertThrows(ApiError.class, () -> CreateConsentRequest.parse(body, NOW));
    }

    private static String data(String... fields) {
        return "{\"data\":{" + String.join(",", fields) + "}}";
    }

    @Test
    void aMinimalRequestIsIndeterminate() {
        CreateConsentRequest r = CreateConsentRequest.parse(data(USER, PERMISSIONS), NOW);
        assertEquals("52998224725", r.cpf());
        assertNull(r.cnpj());
        assertNull(r.expiresAt());
        assertEquals(List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "RESOURCES_READ"), r.permissions());
    }

    @Test
    void aBusinessRequestWithExpiryAndUnknownExtraFieldsIsRead() {
        CreateConsentRequest r = CreateConsentRequest.parse(data(USER, PERMISSIONS,
                "\"businessEntity\":{\"document\":{\"identification\":\"12ABC34501DE35\",\"rel\":\"CNPJ\"}}",
                "\"expirationDateTime\":\"2026-9-1T00:00:00Z\"", "\"isLinked\":false", "\"futureField\":1"), NOW);
        assertEquals("12ABC34501DE35", r.cnpj());
        assertEquals(Instant.parse("2026-09-01T00:00:00Z"), r.expiresAt());
    }

    @Test
    void malformedBodiesAre400() {
        for (String body : List.of("", "not json", "[]", "{}", "{\"data\":[]}", "{\"data\":{}} trailing",
                "{\"data\":{" + USER + "," + PERMISSIONS + "},\"data\":{}}", "{\"data\":null}")) {
            assertEquals(400, refused(body).status(), body);
        }
    }

    @Test
    void schemaViolationsAre400AndNeverEchoTheValue() {
        List<String> bodies = List.of(
                data(PERMISSIONS),
                data(USER),
                data(USER, "\"permissions\":[]"),
                data(USER, "\"permissions\":\"ACCOUNTS_READ\""),
                data(USER, "\"permissions\":[\"ACCOUNTS_READ\",\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\",\"RESOURCES_READ\"]"),
                data(USER, "\"permissions\":[\"ACCOUNTS_READ\",\"NOT_A_PERMISSION\"]"),
                data(USER, "\"permissions\":[1]"),
                data("\"loggedUser\":{\"document\":{\"identification\":\"52998224726\",\"rel\":\"CPF\"}}", PERMISSIONS),
                data("\"loggedUser\":{\"document\":{\"identification\":52998224725,\"rel\":\"CPF\"}}", PERMISSIONS),
                data("\"loggedUser\":{\"document\":{\"identification\":\"529.982.247-25\",\"rel\":\"CPF\"}}", PERMISSIONS),
                data("\"loggedUser\":{\"document\":{\"identification\":\"52998224725\",\"rel\":\"cpf\"}}", PERMISSIONS),
                data("\"loggedUser\":{\"document\":{\"identification\":\"52998224725\"}}", PERMISSIONS),
                data(USER, PERMISSIONS, "\"businessEntity\":{\"document\":{\"identification\":\"11222333000182\",\"rel\":\"CNPJ\"}}"),
                data(USER, PERMISSIONS, "\"businessEntity\":{\"document\":{\"identification\":\"11222333000181\",\"rel\":\"CPF\"}}"),
                data(USER, PERMISSIONS, "\"businessEntity\":null"),
                data(USER, PERMISSIONS, "\"expirationDateTime\":\"2026-09-01T00:00:00.000Z\""),
                data(USER, PERMISSIONS, "\"expirationDateTime\":\"2026-09-01T00:00:00+00:00\""),
                data(USER, PERMISSIONS, "\"expirationDateTime\":\"2027-02-30T00:00:00Z\""),
                data(USER, PERMISSIONS, "\"expirationDateTime\":null"),
                data(USER, PERMISSIONS, "\"isLinked\":\"true\""));
        for (String body : bodies) {
            ApiError e = refused(body);
            assertEquals(400, e.status(), body);
            assertFalse(e.detail().contains("52998224") || e.detail().contains("112223330001"), e.detail());
        }
    }

    @Test
    void businessRulesAre422() {
        assertEquals("COMBINACAO_PERMISSOES_INCORRETA",
                refused(data(USER, "\"permissions\":[\"ACCOUNTS_READ\",\"RESOURCES_READ\"]")).code());
        assertEquals("INFORMACOES_PJ_NAO_INFORMADAS",
                refused(data(USER, "\"permissions\":[\"CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ\",\"RESOURCES_READ\"]")).code());
        assertEquals("DATA_EXPIRACAO_INVALIDA",
                refused(data(USER, PERMISSIONS, "\"expirationDateTime\":\"2026-03-01T12:00:00Z\"")).code(),
                "now is not in the future");
        assertEquals("DATA_EXPIRACAO_INVALIDA",
                refused(data(USER, PERMISSIONS, "\"expirationDateTime\":\"2020-01-01T00:00:00Z\"")).code());
    }
}
