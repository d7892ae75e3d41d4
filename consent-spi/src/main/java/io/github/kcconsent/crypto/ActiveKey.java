package io.github.kcconsent.crypto;

import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * A usable secret key and the id stored next to everything it produced. Returned both for the active key and,
 * from {@link FieldKeys#blindIndexKeys()}, for enabled passive ones.
 */
public record ActiveKey(String kid, SecretKey secretKey) {

    public ActiveKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(secretKey, "secretKey");
        if (kid.isEmpty()) {
            throw new IllegalArgumentException("kid must not be empty");
        }
    }

    /** The record default would print SecretKeySpec, whose hashCode is derived from the key bytes. */
    @Override
    public String toString() {
        return "ActiveKey[kid=" + kid + "]";
    }
}
