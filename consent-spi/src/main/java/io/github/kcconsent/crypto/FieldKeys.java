package io.github.kcconsent.crypto;

import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The keys of one realm. Encryption and blind-index keys are separate on purpose: the blind index is a
 * deterministic MAC, and reusing an encryption key for it would mix two uses of one secret.
 */
public interface FieldKeys {

    /** @throws MissingFieldKeyException if no encryption key is active */
    ActiveKey activeEncryptionKey();

    /** An enabled (active or passive) encryption key, so values written before a rotation keep decrypting. */
    Optional<SecretKey> encryptionKey(String kid);

    /** @throws MissingFieldKeyException if no blind-index key is active */
    ActiveKey activeBlindIndexKey();

    /** Every enabled blind-index key, the active one first; empty if there are none. */
    List<ActiveKey> blindIndexKeys();
}
