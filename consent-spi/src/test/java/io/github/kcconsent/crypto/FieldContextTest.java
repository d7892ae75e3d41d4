package io.github.kcconsent.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class FieldContextTest {

    @Test
    void aadIsLengthPrefixedDomainRealmConsentField() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String part : new String[] {"kcconsent/field-aad/v1", "r", "c1", "cpf"}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            expected.writeBytes(new byte[] {0, 0, 0, (byte) bytes.length});
            expected.writeBytes(bytes);
        }

        assertArrayEquals(expected.toByteArray(), new FieldContext("r", "c1", "cpf").aad());
    }

    /** Without length prefixes these pairs would concatenate to the same bytes. */
    @Test
    void shiftingCharactersBetweenPartsChangesTheAad() {
        assertDifferent(new FieldContext("ab", "c", "f"), new FieldContext("a", "bc", "f"));
        assertDifferent(new FieldContext("r", "ab", "c"), new FieldContext("r", "a", "bc"));
        assertDifferent(new FieldContext("r", "c", "label:1"), new FieldContext("r", "c", "label:10"));
    }

    @Test
    void lengthsCountUtf8BytesNotChars() {
        byte[] aad = new FieldContext("r", "c", "ç").aad();
        // "ç" is 2 bytes in UTF-8: the last prefix must say 2.
        assertEquals(2, aad[aad.length - 3]);
    }

    @Test
    void emptyOrMissingPartsAreRejected() {
        assertThrows(NullPointerException.class, () -> new FieldContext(null, "c", "f"));
        assertThrows(IllegalArgumentException.class, () -> new FieldContext("r", "", "f"));
        assertThrows(IllegalArgumentException.class, () -> new FieldContext("r", "c", ""));
    }

    private static void assertDifferent(FieldContext a, FieldContext b) {
        assertFalse(Arrays.equals(a.aad(), b.aad()), a + " vs " + b);
    }
}
