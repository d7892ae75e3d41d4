package io.github.kcconsent.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a fresh random 96-bit nonce per value and a 128-bit tag; the {@link FieldContext} is the
 * associated data. Stored form:
 *
 * <pre>v1.&lt;kid&gt;.&lt;nonce&gt;.&lt;ciphertext‖tag&gt;</pre>
 *
 * every part after {@code v1} unpadded base64url. The kid is encoded too because a key id may contain dots;
 * encoded, the format always splits into exactly four parts. The kid selects the key on decryption, so values
 * written before a rotation keep decrypting while their key stays enabled.
 *
 * <p>Random nonces are fine here: NIST SP 800-38D allows 2^32 random-nonce encryptions per key, far more
 * values than a realm writes before its key is rotated.
 *
 * <p>Thread-safe. Each instance keeps one {@link Cipher} and re-initialises it for every value (direction, fresh
 * nonce, the value's own key and associated data): looking a cipher up in the JCE providers and expanding the AES
 * key cost as much as sealing a few hundred bytes, and one store operation seals or opens several fields of the
 * same row. The cipher holds no key or value between calls that a later call could see: every call initialises
 * it before using it, under the instance's lock.
 */
public final class AesGcmFieldCipher implements FieldCipher {

    static final String VERSION = "v1";
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int KEY_BYTES = 32;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FieldKeys keys;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}; made on first use. */
    private Cipher cipher;

    public AesGcmFieldCipher(FieldKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** {@code v1.<encoded kid>.}: what every value written with {@code kid} starts with, e.g. for SQL LIKE. */
    public static String storedPrefixFor(String kid) {
        return VERSION + "." + Codec.b64(Codec.utf8(kid)) + ".";
    }

    @Override
    public String encrypt(FieldContext ctx, String plaintext) {
        Objects.requireNonNull(ctx, "ctx");
        if (plaintext == null) {
            return null;
        }
        ActiveKey key = keys.activeEncryptionKey();
        SecretKey secret = requireAes256(key.secretKey(), key.kid());
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] input = Codec.utf8(plaintext);
        byte[] sealed;
        try {
            sealed = doFinal(Cipher.ENCRYPT_MODE, secret, nonce, ctx, input);
        } catch (GeneralSecurityException e) {
            throw unavailable(e);
        }
        return storedPrefixFor(key.kid()) + Codec.b64(nonce) + "." + Codec.b64(sealed);
    }

    @Override
    public String decrypt(FieldContext ctx, String stored) {
        Objects.requireNonNull(ctx, "ctx");
        if (stored == null) {
            return null;
        }
        Parsed parsed = parse(stored);
        SecretKey secret = keys.encryptionKey(parsed.kid)
                .orElseThrow(() -> new MissingFieldKeyException("stored value was encrypted with key '"
                        + Codec.kidForMessage(parsed.kid) + "', which is unknown or disabled in this realm"));
        requireAes256(secret, parsed.kid);
        byte[] plain;
        try {
            plain = doFinal(Cipher.DECRYPT_MODE, secret, parsed.nonce, ctx, parsed.sealed);
        } catch (AEADBadTagException e) {
            throw new FieldDecryptionException(
                    "stored value failed authentication: tampered with, or copied from another consent, field or realm");
        } catch (GeneralSecurityException e) {
            throw unavailable(e);
        }
        String text = Codec.fromUtf8(plain);
        if (text == null) {
            // Authenticated but not text we wrote: treat as corrupt rather than return garbage.
            throw new FieldDecryptionException("stored value decrypted to invalid UTF-8");
        }
        return text;
    }

    @Override
    public String keyIdOf(String stored) {
        return stored == null ? null : parse(stored).kid;
    }

    @Override
    public String activeKeyId() {
        return keys.activeEncryptionKey().kid();
    }

    @Override
    public boolean isEncryptedWithActiveKey(String stored) {
        return stored == null || parse(stored).kid.equals(keys.activeEncryptionKey().kid());
    }

    private byte[] doFinal(int mode, SecretKey key, byte[] nonce, FieldContext ctx, byte[] input)
            throws GeneralSecurityException {
        synchronized (lock) {
            if (cipher == null) {
                cipher = Cipher.getInstance(TRANSFORMATION);
            }
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ctx.aad());
            return cipher.doFinal(input);
        }
    }

    /** Only reachable with a broken JCE or key object; JCE messages carry no key material. */
    private static IllegalStateException unavailable(GeneralSecurityException e) {
        return new IllegalStateException("AES-GCM is unavailable or rejected the key", e);
    }

    private static SecretKey requireAes256(SecretKey key, String kid) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length != KEY_BYTES) {
            throw new MissingFieldKeyException("field encryption key '" + Codec.kidForMessage(kid)
                    + "' is not a 256-bit AES key");
        }
        return key;
    }

    private static Parsed parse(String stored) {
        String[] parts = stored.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw malformed();
        }
        byte[] kid = Codec.unb64(parts[1]);
        byte[] nonce = Codec.unb64(parts[2]);
        byte[] sealed = Codec.unb64(parts[3]);
        if (kid == null || kid.length == 0 || nonce == null || nonce.length != NONCE_BYTES
                || sealed == null || sealed.length < TAG_BITS / 8) {
            throw malformed();
        }
        String kidText = Codec.fromUtf8(kid);
        if (kidText == null) {
            throw malformed();
        }
        return new Parsed(kidText, nonce, sealed);
    }

    private static FieldDecryptionException malformed() {
        return new FieldDecryptionException("stored field value is not in the v1 encrypted format");
    }

    private record Parsed(String kid, byte[] nonce, byte[] sealed) {
    }
}
