package io.github.kcconsent.crypto;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the entries of the consents' status history: HMAC-SHA256 over an entry's canonical bytes (which include
 * the previous entry's seal, so the entries form a chain) under a key derived from the realm's blind-index key.
 * Someone who can edit the database but cannot read the key cannot compute a seal for an edited or inserted
 * entry, nor re-link the chain around a deleted one.
 *
 * <p>Why derived and not a secret of its own: every realm that has field keys then has a history key, with no
 * new component configuration, and rotating the blind-index key rotates it too. Derivation is
 * {@code HMAC(blindIndexKey, len(domain) ‖ domain)}; blind-index inputs carry another domain, so no blind index
 * can equal a derived key. Each seal names the kid it was made with, so entries sealed before a rotation keep
 * verifying as long as that key's component stays enabled.
 *
 * <p>Thread-safe; a {@link Mac} is made per call.
 */
public final class HistoryMac {

    static final String DERIVATION_DOMAIN = "kcconsent/history-chain/v1";
    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;

    /** A seal: the kid of the key that made it and the unpadded base64url MAC (43 characters). */
    public record Seal(String kid, String mac) {
        public Seal {
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(mac, "mac");
        }
    }

    private final FieldKeys keys;

    public HistoryMac(FieldKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * @throws MissingFieldKeyException if the realm has no active blind-index key
     */
    public Seal seal(byte[] canonicalEntry) {
        ActiveKey key = keys.activeBlindIndexKey();
        return new Seal(key.kid(), Codec.b64(mac(derive(key), canonicalEntry)));
    }

    /**
     * Whether {@code mac} is the seal of the entry under the key {@code kid}; empty when that key is no longer
     * enabled in the realm (the entry can then be neither confirmed nor refuted).
     */
    public Optional<Boolean> verify(String kid, byte[] canonicalEntry, String mac) {
        if (kid == null || mac == null) {
            return Optional.of(false);
        }
        Optional<ActiveKey> key = keys.blindIndexKeys().stream().filter(k -> k.kid().equals(kid)).findFirst();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] expected = mac(derive(key.get()), canonicalEntry);
        byte[] given = Codec.unb64(mac);
        return Optional.of(given != null && MessageDigest.isEqual(expected, given));
    }

    private static SecretKey derive(ActiveKey blindIndexKey) {
        byte[] secret = blindIndexKey.secretKey().getEncoded();
        if (secret == null || secret.length < MIN_KEY_BYTES) {
            throw new MissingFieldKeyException("blind-index key '" + Codec.kidForMessage(blindIndexKey.kid())
                    + "' is shorter than 256 bits");
        }
        ByteArrayOutputStream domain = new ByteArrayOutputStream(32);
        FieldContext.writeLengthPrefixed(domain, DERIVATION_DOMAIN);
        return new SecretKeySpec(mac(blindIndexKey.secretKey(), domain.toByteArray()), MAC_ALGORITHM);
    }

    private static byte[] mac(SecretKey key, byte[] input) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable or rejected the key", e);
        }
    }
}
