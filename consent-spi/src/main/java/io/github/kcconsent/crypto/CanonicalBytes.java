package io.github.kcconsent.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * An unambiguous byte form of a list of values, for MACs over records: each text as a 4-byte big-endian length
 * of its UTF-8 bytes and the bytes ({@code -1} and nothing for null, so null and "" differ), each number as 8
 * bytes. Same layout as the field AAD ({@link FieldContext#aad()}), with null allowed.
 */
public final class CanonicalBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    /** Starts with the domain, which versions the layout and keeps one key's uses apart. */
    public CanonicalBytes(String domain) {
        text(domain);
    }

    public CanonicalBytes text(String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
        } else {
            FieldContext.writeLengthPrefixed(out, value);
        }
        return this;
    }

    public CanonicalBytes number(long value) {
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
