package io.github.kcconsent.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnvelopeFieldKeysTest {

    private final InMemoryFieldKeys realm = InMemoryFieldKeys.single("realm-key");
    private final ActiveKey dataKey = new ActiveKey(EnvelopeFieldKeys.kidOf("dk-1"), InMemoryFieldKeys.aes());
    private final FieldCipher customer = new AesGcmFieldCipher(new EnvelopeFieldKeys(realm, dataKey));
    private final FieldContext ctx = new FieldContext("realm-1", "urn:bank:c1", "cpf");

    @Test
    void valuesGoUnderTheCustomersDataKeyAndComeBack() {
        String stored = customer.encrypt(ctx, "52998224725");

        assertEquals(EnvelopeFieldKeys.kidOf("dk-1"), customer.keyIdOf(stored));
        assertEquals("52998224725", customer.decrypt(ctx, stored));
        assertTrue(customer.isEncryptedWithActiveKey(stored));
    }

    @Test
    void withoutTheDataKeyTheRealmKeyCannotReadThem() {
        String stored = customer.encrypt(ctx, "52998224725");

        assertThrows(MissingFieldKeyException.class, () -> new AesGcmFieldCipher(realm).decrypt(ctx, stored));
        FieldCipher anotherCustomer = new AesGcmFieldCipher(new EnvelopeFieldKeys(realm,
                new ActiveKey(EnvelopeFieldKeys.kidOf("dk-2"), InMemoryFieldKeys.aes())));
        assertThrows(MissingFieldKeyException.class, () -> anotherCustomer.decrypt(ctx, stored));
    }

    @Test
    void valuesWrittenUnderTheRealmKeyBeforeStillRead() {
        String legacy = new AesGcmFieldCipher(realm).encrypt(ctx, "52998224725");

        assertEquals("52998224725", customer.decrypt(ctx, legacy));
    }

    @Test
    void theBlindIndexStaysTheRealms() {
        EnvelopeFieldKeys keys = new EnvelopeFieldKeys(realm, dataKey);
        assertEquals(realm.activeBlindIndexKey(), keys.activeBlindIndexKey());
        assertEquals(new BlindIndex(realm).index(DocumentKind.CPF, "52998224725"),
                new BlindIndex(keys).index(DocumentKind.CPF, "52998224725"));
    }
}
