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
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writeLengthPrefixed(out, AAD_DOMAIN);
        writeLengthPrefixed(out, realmId);
        writeLengthPrefixed(out, consentId);
        writeLengthPrefixed(out, field);
        return out.toByteArray();
    }

    static void writeLengthPrefixed(ByteArrayOutputStream out, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
