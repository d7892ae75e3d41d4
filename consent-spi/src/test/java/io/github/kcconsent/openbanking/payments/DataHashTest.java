package io.github.kcconsent.openbanking.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DataHashTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String DATA = """
            {"loggedUser":{"document":{"identification":"52998224725","rel":"CPF"}},
             "creditor":{"personType":"PESSOA_JURIDICA","cpfCnpj":"58764789000137","name":"Padaria"},
             "payment":{"type":"PIX","date":"2026-03-01","currency":"BRL","amount":"100.12",
               "schedule":null,"quantity":3,"rate":1.5,"flags":[true,false],
               "details":{"localInstrument":"DICT","proxy":"12345678901"}}}
            """;

    @Test
    void theSameDataWithItsMembersInAnotherOrderAtEveryLevelHashesAlike() {
        String reordered = """
                {"payment":{"details":{"proxy":"12345678901","localInstrument":"DICT"},"flags":[true,false],
                   "rate":1.5,"quantity":3,"schedule":null,"amount":"100.12","currency":"BRL","date":"2026-03-01",
                   "type":"PIX"},
                 "creditor":{"name":"Padaria","cpfCnpj":"58764789000137","personType":"PESSOA_JURIDICA"},
                 "loggedUser":{"document":{"rel":"CPF","identification":"52998224725"}}}
                """;
        assertEquals(DataHash.of(json(DATA)), DataHash.of(json(reordered)));
        assertEquals(DataHash.of(json(DATA)), DataHash.of(json(DATA.replace("\n", " "))), "white space is not data");
    }

    @Test
    void anyChangeOfAValueATypeAMemberOrAnArraysOrderChangesTheHash() {
        String original = DataHash.of(json(DATA));
        List<String> changed = List.of(
                DATA.replace("\"100.12\"", "\"100.13\""),
                DATA.replace("\"100.12\"", "100.12"),
                DATA.replace("\"quantity\":3", "\"quantity\":\"3\""),
                DATA.replace("\"quantity\":3", "\"quantity\":3.0"),
                DATA.replace("\"rate\":1.5", "\"rate\":1.6"),
                DATA.replace("\"schedule\":null,", ""),
                DATA.replace("\"schedule\":null", "\"schedule\":{}"),
                DATA.replace("[true,false]", "[false,true]"),
                DATA.replace("[true,false]", "[true]"),
                DATA.replace("\"Padaria\"", "\"padaria\""),
                DATA.replace("\"rel\":\"CPF\"", "\"rel\":\"CPF\",\"extra\":\"x\""),
                DATA.replace("\"proxy\":\"12345678901\"", "\"proxy\":\"12345678901 \""));
        for (String other : changed) {
            assertNotEquals(original, DataHash.of(json(other)), other);
        }
    }

    @Test
    void theHashIsSha256InLowerCaseHex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DataHash.sha256("abc"));
        assertTrue(DataHash.of(json(DATA)).matches("^[0-9a-f]{64}$"));
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
