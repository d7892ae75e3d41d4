package io.github.kcconsent.it.support.openbanking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.github.kcconsent.it.support.DemoRealm;
import io.github.kcconsent.it.support.openbanking.TppClient.Reply;

/**
 * Consents API request bodies and documents as a partner sends them, and the check of an API error reply:
 * shared by the Consents API tests, the FAPI journey and the token-binding tests.
 */
public final class ConsentRequests {

    public static final String CPF = DemoRealm.USER_CPF;
    public static final String OTHER_CPF = "11144477735";
    public static final String CNPJ = "11222333000181";
    public static final String ACCOUNTS = "[\"ACCOUNTS_READ\",\"ACCOUNTS_BALANCES_READ\",\"RESOURCES_READ\"]";
    private static final DateTimeFormatter API_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ConsentRequests() {
    }

    /** A date-time as the API writes it (seconds, UTC, {@code Z}). */
    public static String date(Instant instant) {
        return API_DATE.format(instant);
    }

    public static String body(String cpf, String cnpj, String permissions, String expiration) {
        StringBuilder data = new StringBuilder("{\"data\":{\"loggedUser\":{\"document\":{\"identification\":\"")
                .append(cpf).append("\",\"rel\":\"CPF\"}}");
        if (cnpj != null) {
            data.append(",\"businessEntity\":{\"document\":{\"identification\":\"").append(cnpj).append("\",\"rel\":\"CNPJ\"}}");
        }
        data.append(",\"permissions\":").append(permissions);
        if (expiration != null) {
            data.append(",\"expirationDateTime\":\"").append(expiration).append('"');
        }
        return data.append("}}").toString();
    }

    public static String renewal(String cpf, String cnpj, String expiration) {
        StringBuilder data = new StringBuilder("{\"data\":{\"loggedUser\":{\"document\":{\"identification\":\"")
                .append(cpf).append("\",\"rel\":\"CPF\"}}");
        if (cnpj != null) {
            data.append(",\"businessEntity\":{\"document\":{\"identification\":\"").append(cnpj).append("\",\"rel\":\"CNPJ\"}}");
        }
        if (expiration != null) {
            data.append(",\"expirationDateTime\":\"").append(expiration).append('"');
        }
        return data.append("}}").toString();
    }

    public static void assertError(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.response().body());
        if (code != null) {
            assertEquals(code, reply.errorCode(), reply.response().body());
        }
    }
}
