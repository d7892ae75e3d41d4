package io.github.kcconsent.crypto;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Immutable {@link FieldKeys} for unit tests. Lists are in priority order, like the KeyManager's. */
public final class InMemoryFieldKeys implements FieldKeys {

    record Key(String kid, SecretKey secret, boolean active) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Key> encryption;
    private final List<Key> blindIndex;

    InMemoryFieldKeys(List<Key> encryption, List<Key> blindIndex) {
        this.encryption = List.copyOf(encryption);
        this.blindIndex = List.copyOf(blindIndex);
    }

    /** One active encryption key and one active blind-index key. */
    public static InMemoryFieldKeys single(String kid) {
        return new InMemoryFieldKeys(List.of(active(kid, aes())), List.of(active(kid + "-bi", hmac())));
    }

    static Key active(String kid, SecretKey secret) {
        return new Key(kid, secret, true);
    }

    static Key passive(String kid, SecretKey secret) {
        return new Key(kid, secret, false);
    }

    static SecretKey aes() {
        return new SecretKeySpec(random(32), "AES");
    }

    static SecretKey hmac() {
        return new SecretKeySpec(random(32), "HmacSHA256");
    }

    static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public ActiveKey activeEncryptionKey() {
        return firstActive(encryption, "encryption");
    }

    @Override
    public Optional<SecretKey> encryptionKey(String kid) {
        return encryption.stream().filter(k -> k.kid().equals(kid)).map(Key::secret).findFirst();
    }

    @Override
    public ActiveKey activeBlindIndexKey() {
        return firstActive(blindIndex, "blind-index");
    }

    @Override
    public List<ActiveKey> blindIndexKeys() {
        return blindIndex.stream()
                .sorted((a, b) -> Boolean.compare(b.active(), a.active()))
                .map(k -> new ActiveKey(k.kid(), k.secret()))
                .toList();
    }

    private static ActiveKey firstActive(List<Key> keys, String purpose) {
        return keys.stream().filter(Key::active).findFirst()
                .map(k -> new ActiveKey(k.kid(), k.secret()))
                .orElseThrow(() -> new MissingFieldKeyException("no active " + purpose + " key"));
    }
}
