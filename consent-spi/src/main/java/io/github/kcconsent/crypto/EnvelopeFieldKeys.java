package io.github.kcconsent.crypto;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The keys of one customer's consent data: values are encrypted under the customer's own data key, which the
 * store keeps wrapped (encrypted) under the realm's field key. Destroying the wrapped data key makes every value
 * under it unreadable in the database and in every later copy of it, while rotating the realm's key only re-wraps
 * data keys instead of re-encrypting every value. Values written before data keys existed still decrypt under
 * the realm's keys; the blind index stays the realm's (searching must work across customers).
 */
public final class EnvelopeFieldKeys implements FieldKeys {

    /** Kids of data keys start so, apart from the realm's own (generated) kids. */
    public static final String DATA_KEY_KID_PREFIX = "kcc-dk-";

    private final FieldKeys realmKeys;
    private final ActiveKey dataKey;

    public EnvelopeFieldKeys(FieldKeys realmKeys, ActiveKey dataKey) {
        this.realmKeys = Objects.requireNonNull(realmKeys, "realmKeys");
        this.dataKey = Objects.requireNonNull(dataKey, "dataKey");
    }

    /** The kid values under the data key of this id carry. */
    public static String kidOf(String dataKeyId) {
        return DATA_KEY_KID_PREFIX + dataKeyId;
    }

    @Override
    public ActiveKey activeEncryptionKey() {
        return dataKey;
    }

    @Override
    public Optional<SecretKey> encryptionKey(String kid) {
        return dataKey.kid().equals(kid) ? Optional.of(dataKey.secretKey()) : realmKeys.encryptionKey(kid);
    }

    @Override
    public ActiveKey activeBlindIndexKey() {
        return realmKeys.activeBlindIndexKey();
    }

    @Override
    public List<ActiveKey> blindIndexKeys() {
        return realmKeys.blindIndexKeys();
    }
}
