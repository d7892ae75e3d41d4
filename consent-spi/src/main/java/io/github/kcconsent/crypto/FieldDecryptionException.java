package io.github.kcconsent.crypto;

/**
 * A stored field value could not be turned back into plaintext: it was tampered with, copied from another
 * row/field/realm, or is not in a format we wrote. Messages never contain the stored value, the plaintext,
 * the field name (callers may build it from identifiers) or key material, so they are safe to log; callers
 * that want to say which column failed can wrap it.
 */
public class FieldDecryptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FieldDecryptionException(String message) {
        super(message);
    }
}
