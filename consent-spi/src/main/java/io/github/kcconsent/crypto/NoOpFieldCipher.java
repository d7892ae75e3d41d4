package io.github.kcconsent.crypto;

/**
 * <b>Benchmark baseline only — stores plaintext.</b> Exists so the JMH benchmark can measure what
 * {@link AesGcmFieldCipher} costs over doing nothing through the same code path. Never wire it into a
 * deployed store. The {@code plain.} prefix keeps its output recognisable, and {@link AesGcmFieldCipher}
 * refuses such values, so baseline data can never be mistaken for authenticated ciphertext.
 */
public final class NoOpFieldCipher implements FieldCipher {

    static final String PREFIX = "plain.";

    @Override
    public String encrypt(FieldContext ctx, String plaintext) {
        return plaintext == null ? null : PREFIX + plaintext;
    }

    @Override
    public String decrypt(FieldContext ctx, String stored) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new FieldDecryptionException("stored value is not a no-op value");
        }
        return stored.substring(PREFIX.length());
    }

    /** No key is involved. */
    @Override
    public String keyIdOf(String stored) {
        if (stored != null && !stored.startsWith(PREFIX)) {
            throw new FieldDecryptionException("not a no-op value");
        }
        return null;
    }

    /** A fixed marker so a baseline run can still fill a key-id column. */
    @Override
    public String activeKeyId() {
        return "plain";
    }

    /** Nothing to re-encrypt. */
    @Override
    public boolean isEncryptedWithActiveKey(String stored) {
        return true;
    }
}
