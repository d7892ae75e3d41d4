package io.github.kcconsent.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NoOpFieldCipherTest {

    private static final FieldContext CTX = new FieldContext("r", "c", "cpf");
    private final FieldCipher noOp = new NoOpFieldCipher();

    @Test
    void prefixesAndStripsWithoutEncrypting() {
        assertEquals("plain.529", noOp.encrypt(CTX, "529"));
        assertEquals("529", noOp.decrypt(CTX, "plain.529"));
        assertEquals("", noOp.decrypt(CTX, noOp.encrypt(CTX, "")));
        assertNull(noOp.encrypt(CTX, null));
        assertNull(noOp.keyIdOf("plain.529"));
    }

    @Test
    void refusesValuesItDidNotWrite() {
        assertThrows(FieldDecryptionException.class, () -> noOp.decrypt(CTX, "529"));
    }

    @Test
    void aesCipherRefusesNoOpOutput() {
        FieldCipher aes = new AesGcmFieldCipher(InMemoryFieldKeys.single("k1"));
        assertThrows(FieldDecryptionException.class, () -> aes.decrypt(CTX, noOp.encrypt(CTX, "529")));
    }
}
