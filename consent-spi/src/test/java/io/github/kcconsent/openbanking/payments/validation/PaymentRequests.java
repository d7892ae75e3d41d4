package io.github.kcconsent.openbanking.payments.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A valid request to start from, edited by dotted path, and the assertions the tests share. */
final class PaymentRequests {

    /** Noon in Brasília on 2026-03-01 (15:00 UTC): "today" for every test, whatever the clock says. */
    static final Instant CREATED_AT = Instant.parse("2026-03-01T15:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    static final String CPF = "52998224725";
    static final String CNPJ = "11222333000181";
    static final String CREDITOR_CNPJ = "58764789000137";
    static final String CREDITOR_CPF = "11144477735";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String BASE = """
            {"loggedUser":{"document":{"identification":"52998224725","rel":"CPF"}},
             "creditor":{"personType":"PESSOA_JURIDICA","cpfCnpj":"58764789000137","name":"Padaria S\u00e3o Jo\u00e3o Ltda."},
             "payment":{"type":"PIX","date":"2026-03-01","currency":"BRL","amount":"100.12","ibgeTownCode":"5300108",
               "details":{"localInstrument":"DICT","proxy":"12345678901",
                 "creditorAccount":{"ispb":"12345678","issuer":"1774","number":"1234567890","accountType":"CACC"}}}}
            """;

    private PaymentRequests() {
    }

    /** A valid immediate DICT payment for today. */
    static ObjectNode valid() {
        return (ObjectNode) json(BASE);
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** Sets the field at {@code path} (dotted, below {@code data}) to the JSON {@code value}, creating objects. */
    static ObjectNode set(ObjectNode data, String path, String value) {
        String[] parts = path.split("\\.");
        ObjectNode parent = data;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            parent = child instanceof ObjectNode object ? object : parent.putObject(parts[i]);
        }
        parent.set(parts[parts.length - 1], json(value));
        return data;
    }

    static ObjectNode remove(ObjectNode data, String path) {
        int dot = path.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? data : (ObjectNode) data.at("/" + path.substring(0, dot).replace('.', '/'));
        parent.remove(path.substring(dot + 1));
        return data;
    }

    /** A schedule instead of today's date. */
    static ObjectNode scheduled(ObjectNode data, String schedule) {
        remove(data, "payment.date");
        return set(data, "payment.schedule", schedule);
    }

    static PaymentConsentRequest accept(ObjectNode data) {
        return PaymentConsentRequest.validate(data, CREATED_AT);
    }

    static List<PaymentConsentError> refuse(ObjectNode data) {
        return assertThrows(PaymentConsentRefusal.class, () -> accept(data), data::toString).errors();
    }

    /** The request is refused with exactly one error, of this code, about this field. */
    static PaymentConsentError refusedOnce(ObjectNode data, PaymentErrorCode code, String field) {
        List<PaymentConsentError> errors = refuse(data);
        assertEquals(List.of(code + " " + field), errors.stream().map(e -> e.code() + " " + e.field()).toList(),
                data::toString);
        return errors.get(0);
    }

    static String quoted(String text) {
        return "\"" + text + "\"";
    }

    static String repeat(char c, int times) {
        return String.valueOf(c).repeat(times);
    }
}
