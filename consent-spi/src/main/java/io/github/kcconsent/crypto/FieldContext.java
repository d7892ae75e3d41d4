package io.github.kcconsent.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where an encrypted value lives: realm, consent (row) and field (column). Its {@link #aad()} is fed to AES-GCM
 * as associated data, so a ciphertext only decrypts in the exact place it was written; copying it to another
 * consent, field or realm makes authentication fail.
 */
public record FieldContext(String realmId, String consentId, String field) {

    /** Versions the AAD layout and keeps it distinct from any other use of the same key. */
    static final String AAD_DOMAIN = "kcconsent/field-aad/v1";

    public FieldContext {
        requireText(realmId, "realmId");
        requireText(consentId, "consentId");
        requireText(field, "field");
    }

    /**
     * {@code len(domain) ‖ domain ‖ len(realmId) ‖ realmId ‖ len(consentId) ‖ consentId ‖ len(field) ‖ field},
     * lengths as 4-byte big-endian counts of UTF-8 bytes. The prefixes are what make it unambiguous: without
     * them ("ab","c") and ("a","bc") would produce the same bytes.
     */
    public byte[] aad() {
        byte[][] parts = {utf8(AAD_DOMAIN), utf8(realmId), utf8(consentId), utf8(field)};
        int size = 0;
        for (byte[] part : parts) {
            size += Integer.BYTES + part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            out.putInt(part.length).put(part);
        }
        return out.array();
    }

    static void writeLengthPrefixed(ByteArrayOutputStream out, String part) {
        byte[] bytes = utf8(part);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static byte[] utf8(String part) {
        return part.getBytes(StandardCharsets.UTF_8);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
