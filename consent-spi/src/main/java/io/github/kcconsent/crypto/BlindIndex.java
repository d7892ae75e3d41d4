package io.github.kcconsent.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;

/**
 * Searchable, non-reversible tokens for encrypted document numbers: HMAC-SHA256 under the realm's blind-index
 * key over {@code len(domain) ‖ domain ‖ normalized value}, the domain naming the {@link DocumentKind}.
 * Keyed on purpose: CPFs have only 10^9 possible values, so a plain hash could be reversed by enumerating them;
 * without the key that is impossible. Stored form: {@code <kid>.<mac>}, both unpadded base64url.
 *
 * <p>Equality is all it supports (no prefix or range search). Thread-safe; a {@link Mac} is made per call.
 */
public final class BlindIndex {

    static final String DOMAIN_PREFIX = "kcconsent/blind-index/v1/";
    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    private static final int MAC_BYTES = 32;

    private final FieldKeys keys;

    public BlindIndex(FieldKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The index to store, made with the active blind-index key. */
    public String index(DocumentKind kind, String value) {
        return compute(keys.activeBlindIndexKey(), kind, kind.normalize(value));
    }

    /**
     * Every index the value may be stored under, one per enabled blind-index key (active first), for
     * {@code WHERE idx IN (...)}. This keeps search working after the index key is rotated and before all rows
     * are re-indexed.
     *
     * @throws MissingFieldKeyException if the realm has no enabled blind-index key
     */
    public List<String> candidates(DocumentKind kind, String value) {
        String normalized = kind.normalize(value);
        List<ActiveKey> all = keys.blindIndexKeys();
        if (all.isEmpty()) {
            throw new MissingFieldKeyException("no enabled blind-index key in this realm");
        }
        Set<String> out = new LinkedHashSet<>();
        for (ActiveKey key : all) {
            out.add(compute(key, kind, normalized));
        }
        return List.copyOf(out);
    }

    /** The kid a stored index was made with, for the re-index task. */
    public static String keyIdOf(String storedIndex) {
        Objects.requireNonNull(storedIndex, "storedIndex");
        String[] parts = storedIndex.split("\\.", -1);
        byte[] kid = parts.length == 2 ? Codec.unb64(parts[0]) : null;
        String text = kid == null || kid.length == 0 ? null : Codec.fromUtf8(kid);
        byte[] mac = text == null ? null : Codec.unb64(parts[1]);
        if (mac == null || mac.length != MAC_BYTES) {
            throw new IllegalArgumentException("not a blind index value");
        }
        return text;
    }

    /** Whether the re-index task can skip this row. */
    public boolean isIndexedWithActiveKey(String storedIndex) {
        return keyIdOf(storedIndex).equals(keys.activeBlindIndexKey().kid());
    }

    private static String compute(ActiveKey key, DocumentKind kind, String normalized) {
        byte[] secret = key.secretKey().getEncoded();
        if (secret == null || secret.length < MIN_KEY_BYTES) {
            throw new MissingFieldKeyException("blind-index key '" + Codec.kidForMessage(key.kid())
                    + "' is shorter than 256 bits");
        }
        ByteArrayOutputStream input = new ByteArrayOutputStream(64);
        FieldContext.writeLengthPrefixed(input, DOMAIN_PREFIX + kind.name());
        input.writeBytes(normalized.getBytes(StandardCharsets.US_ASCII));
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key.secretKey());
            return Codec.b64(Codec.utf8(key.kid())) + "." + Codec.b64(mac.doFinal(input.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable or rejected the key", e);
        }
    }
}
