package io.github.kcconsent.crypto;

import static io.github.kcconsent.crypto.ConsentFieldKeyProvider.BLIND_INDEX_KID;
import static io.github.kcconsent.crypto.ConsentFieldKeyProvider.ENCRYPTION_KID;
import static io.github.kcconsent.crypto.ConsentFieldKeyProviderFactory.PROVIDER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.kcconsent.fakes.FakeRealm;
import io.github.kcconsent.fakes.FakeServer;
import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.Algorithm;
import org.keycloak.keys.GeneratedAesKeyProviderFactory;
import org.keycloak.keys.GeneratedHmacKeyProviderFactory;

/** {@link RealmFieldKeys} over Keycloak's real DefaultKeyManager and our key provider. */
class RealmFieldKeysTest {

    private static final FieldContext CTX = new FieldContext("realm", "urn:consent:1", "cpf");
    private static final String CPF = "52998224725";

    private final FakeServer server = new FakeServer(
            new ConsentFieldKeyProviderFactory(), new GeneratedAesKeyProviderFactory(), new GeneratedHmacKeyProviderFactory());
    private final FakeRealm realm = new FakeRealm(server);

    @Test
    void readsTheComponentsKeys() {
        ComponentModel c = realm.addKeyProvider(PROVIDER_ID, "100");
        RealmFieldKeys keys = keys();

        assertEquals(c.get(ENCRYPTION_KID), keys.activeEncryptionKey().kid());
        assertEquals(c.get(BLIND_INDEX_KID), keys.activeBlindIndexKey().kid());
        assertTrue(keys.encryptionKey(c.get(ENCRYPTION_KID)).isPresent());
        assertFalse(keys.encryptionKey(c.get(BLIND_INDEX_KID)).isPresent(), "the blind-index key never decrypts");
        assertFalse(keys.encryptionKey("nope").isPresent());
    }

    /** The fakes fail with AssertionError if DefaultKeyManager's fallback-key path is taken. */
    @Test
    void failsClosedWithoutOurProviderEvenIfKeycloakHasAesAndHmacKeys() {
        realm.addKeyProvider("aes-generated", "100");
        realm.addKeyProvider("hmac-generated", "100", "algorithm", Algorithm.HS256);
        RealmFieldKeys keys = keys();

        MissingFieldKeyException e = assertThrows(MissingFieldKeyException.class, keys::activeEncryptionKey);
        assertTrue(e.getMessage().contains(PROVIDER_ID), e.getMessage());
        assertThrows(MissingFieldKeyException.class, keys::activeBlindIndexKey);
        assertTrue(keys.blindIndexKeys().isEmpty());
        assertThrows(MissingFieldKeyException.class, () -> new AesGcmFieldCipher(keys).encrypt(CTX, CPF));
    }

    @Test
    void rotationByAddingAHigherPriorityComponent() {
        ComponentModel first = realm.addKeyProvider(PROVIDER_ID, "100");
        String oldValue = new AesGcmFieldCipher(keys()).encrypt(CTX, CPF);
        String oldIndex = new BlindIndex(keys()).index(DocumentKind.CPF, CPF);

        ComponentModel second = realm.addKeyProvider(PROVIDER_ID, "200");
        realm.update(first, "active", "false");
        RealmFieldKeys keys = keys();
        AesGcmFieldCipher cipher = new AesGcmFieldCipher(keys);
        BlindIndex index = new BlindIndex(keys);

        assertEquals(second.get(ENCRYPTION_KID), cipher.activeKeyId());
        assertEquals(CPF, cipher.decrypt(CTX, oldValue));
        assertEquals(second.get(ENCRYPTION_KID), cipher.keyIdOf(cipher.encrypt(CTX, CPF)));
        assertFalse(cipher.isEncryptedWithActiveKey(oldValue));
        assertEquals(List.of(second.get(BLIND_INDEX_KID), first.get(BLIND_INDEX_KID)),
                keys.blindIndexKeys().stream().map(ActiveKey::kid).toList());
        assertEquals(List.of(index.index(DocumentKind.CPF, CPF), oldIndex), index.candidates(DocumentKind.CPF, CPF));
    }

    @Test
    void activeFollowsPriorityNotCreationOrder() {
        realm.addKeyProvider(PROVIDER_ID, "300");
        ComponentModel low = realm.addKeyProvider(PROVIDER_ID, "100");
        ComponentModel high = realm.components.get(0);

        assertEquals(high.get(ENCRYPTION_KID), keys().activeEncryptionKey().kid());
        assertEquals(List.of(high.get(BLIND_INDEX_KID), low.get(BLIND_INDEX_KID)),
                keys().blindIndexKeys().stream().map(ActiveKey::kid).toList());
    }

    @Test
    void passiveOnlyStillDecryptsButCannotEncrypt() {
        ComponentModel c = realm.addKeyProvider(PROVIDER_ID, "100");
        String stored = new AesGcmFieldCipher(keys()).encrypt(CTX, CPF);

        realm.update(c, "active", "false");
        AesGcmFieldCipher cipher = new AesGcmFieldCipher(keys());

        assertEquals(CPF, cipher.decrypt(CTX, stored));
        assertThrows(MissingFieldKeyException.class, () -> cipher.encrypt(CTX, CPF));
    }

    @Test
    void disablingAComponentMakesItsValuesUnreadable() {
        ComponentModel c = realm.addKeyProvider(PROVIDER_ID, "100");
        String stored = new AesGcmFieldCipher(keys()).encrypt(CTX, CPF);

        realm.update(c, "enabled", "false");
        AesGcmFieldCipher cipher = new AesGcmFieldCipher(keys());

        assertThrows(MissingFieldKeyException.class, () -> cipher.decrypt(CTX, stored));
        assertTrue(keys().blindIndexKeys().isEmpty());
    }

    /** A new session per call, as each request gets its own KeyManager. */
    private RealmFieldKeys keys() {
        return new RealmFieldKeys(server.session(), realm.model);
    }
}
