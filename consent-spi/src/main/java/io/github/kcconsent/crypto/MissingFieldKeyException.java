package io.github.kcconsent.crypto;

/**
 * No usable key: the realm has no active field key to encrypt or index with, or a stored value names a key id
 * that is unknown or disabled. We fail closed rather than write plaintext or guess another key. Messages carry
 * key ids and realm names only.
 */
public class MissingFieldKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MissingFieldKeyException(String message) {
        super(message);
    }
}
