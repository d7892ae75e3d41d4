package io.github.kcconsent.crypto;

/**
 * Encrypts single column values of a consent. Implementations must be safe for concurrent use.
 * {@code null} passes through unchanged both ways, so optional columns stay {@code NULL}.
 */
public interface FieldCipher {

    /** @return the stored form, or null for null plaintext */
    String encrypt(FieldContext ctx, String plaintext);

    /**
     * @return the plaintext, or null for a null stored value
     * @throws FieldDecryptionException if the value is malformed, tampered with or belongs to another context
     * @throws MissingFieldKeyException if the key it names is unknown or disabled
     */
    String decrypt(FieldContext ctx, String stored);

    /**
     * The id of the key a stored value was written with, without decrypting it; null for null (or when the
     * implementation uses no key).
     *
     * @throws FieldDecryptionException if the value is not in this cipher's format
     */
    String keyIdOf(String stored);

    /**
     * The id of the key {@link #encrypt} would use now, e.g. to record on the row so the re-encryption task
     * can find rows under older keys with a query.
     *
     * @throws MissingFieldKeyException if there is no active key
     */
    String activeKeyId();

    /**
     * Whether a stored value already uses the realm's active key, i.e. the re-encryption task can skip it.
     * True for null.
     */
    boolean isEncryptedWithActiveKey(String stored);

    /**
     * For the re-encryption task: the value re-encrypted under the active key, or {@code stored} itself
     * (same instance) when it already uses it, so callers can skip the write with {@code ==}.
     */
    default String reencrypt(FieldContext ctx, String stored) {
        if (isEncryptedWithActiveKey(stored)) {
            return stored;
        }
        return encrypt(ctx, decrypt(ctx, stored));
    }
}
