package io.github.kcconsent.store.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.FieldContext;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

class ConsentFieldsTest {

    private final RecordingCipher cipher = new RecordingCipher();
    private final RealmModel realm = realm("realm-1");
    private final ConsentFields fields = new ConsentFields();

    @Test
    void aValueThisRequestEncryptedIsReadBackWithoutDecrypting() {
        String stored = fields.encrypt(cipher, realm, "c1", ConsentFields.CPF, "12345678901");

        assertEquals("12345678901", fields.decrypt(cipher, realm, "c1", ConsentFields.CPF, stored));
        assertEquals(List.of(), cipher.decrypted);
    }

    @Test
    void aStoredValueIsDecryptedOncePerRequest() {
        String stored = new RecordingCipher().encrypt(new FieldContext("realm-1", "c1", ConsentFields.CPF), "12345678901");

        fields.decrypt(cipher, realm, "c1", ConsentFields.CPF, stored);
        fields.decrypt(cipher, realm, "c1", ConsentFields.CPF, stored);

        assertEquals(List.of(new FieldContext("realm-1", "c1", ConsentFields.CPF)), cipher.decrypted);
    }

    @Test
    void aCiphertextCopiedToAnotherConsentIsStillDecryptedWithThatConsentsContext() {
        String stored = fields.encrypt(cipher, realm, "c1", ConsentFields.CPF, "12345678901");

        fields.decrypt(cipher, realm, "c2", ConsentFields.CPF, stored);
        fields.decrypt(cipher, realm, "c1", ConsentFields.CNPJ, stored);

        assertEquals(List.of(new FieldContext("realm-1", "c2", ConsentFields.CPF),
                new FieldContext("realm-1", "c1", ConsentFields.CNPJ)), cipher.decrypted);
    }

    @Test
    void anAbsentValueStaysAbsentWithoutTouchingTheCipher() {
        assertNull(fields.encrypt(cipher, realm, "c1", ConsentFields.PAYMENT, null));
        assertNull(fields.decrypt(cipher, realm, "c1", ConsentFields.PAYMENT, null));
        assertEquals(List.of(), cipher.decrypted);
    }

    @Test
    void eachSelectedAccountsLabelIsAFieldOfItsOwn() {
        assertEquals("resource_label:acc-1", ConsentFields.resourceLabel("acc-1"));
    }

    /** A reversible stand-in for AES-GCM that records which contexts it was asked to decrypt. */
    private static final class RecordingCipher implements FieldCipher {

        final List<FieldContext> decrypted = new ArrayList<>();

        @Override
        public String encrypt(FieldContext ctx, String plaintext) {
            return plaintext == null ? null : "k1." + new StringBuilder(plaintext).reverse();
        }

        @Override
        public String decrypt(FieldContext ctx, String stored) {
            decrypted.add(ctx);
            return new StringBuilder(stored.substring(3)).reverse().toString();
        }

        @Override
        public String keyIdOf(String stored) {
            return "k1";
        }

        @Override
        public String activeKeyId() {
            return "k1";
        }

        @Override
        public boolean isEncryptedWithActiveKey(String stored) {
            return true;
        }
    }

    private static RealmModel realm(String id) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getId")) {
                        return id;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
