package io.github.kcconsent.store.jpa;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;

import io.github.kcconsent.crypto.ActiveKey;
import io.github.kcconsent.crypto.EnvelopeFieldKeys;
import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.FieldContext;
import io.github.kcconsent.crypto.MissingFieldKeyException;
import io.github.kcconsent.store.ConsentCrypto;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import org.keycloak.models.RealmModel;

/**
 * The cipher of each consent row: under its customer's data key (envelope encryption), or, for rows written
 * before data keys (or with {@code per-customer-keys} off), under the realm's field key. Data keys are 256-bit
 * random keys, wrapped under the realm's active field key with the key's own id and realm as associated data, so
 * a wrapped key copied to another row does not unwrap. Unwrapped keys are kept for this store instance, that is one
 * Keycloak session, never longer; so is each realm's cipher, which asks the realm for its keys on every value and
 * only keeps its JCE objects, so one store operation over several rows does not set them up once per row.
 */
final class ConsentCiphers {

    static final String WRAP_FIELD = "kcconsent-data-key";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final ConsentCrypto crypto;
    private final Supplier<Instant> clock;
    private final boolean perCustomerKeys;
    private final Map<String, FieldCipher> byDataKey = new HashMap<>();
    private final Map<String, FieldCipher> byRealm = new HashMap<>();

    ConsentCiphers(EntityManager em, ConsentCrypto crypto, Supplier<Instant> clock, boolean perCustomerKeys) {
        this.em = em;
        this.crypto = crypto;
        this.clock = clock;
        this.perCustomerKeys = perCustomerKeys;
    }

    /**
     * @throws MissingFieldKeyException if the row's data key was erased or its wrapping key is not enabled
     */
    FieldCipher of(RealmModel realm, ConsentEntity e) {
        if (e.getDataKeyId() == null) {
            return realmCipher(realm);
        }
        return byDataKey.computeIfAbsent(e.getDataKeyId(), id -> unwrap(realm, id, e.getDataKeyWrapped()));
    }

    /**
     * Gives a new (or legacy) row the data key of its customer, creating one if the customer has none, and records
     * on the row the kid of the realm key that wraps it. Returns the cipher to write its values with. With
     * per-customer keys off, the realm's cipher and kid.
     */
    FieldCipher assign(RealmModel realm, ConsentEntity e, String subject) {
        if (!perCustomerKeys) {
            FieldCipher realmCipher = realmCipher(realm);
            e.setEncryptionKeyId(realmCipher.activeKeyId());
            return realmCipher;
        }
        // FlushMode COMMIT: nothing this transaction has pending can change the answer, so no dirty check first.
        ConsentDataKeyEntity key = subject == null ? null : em.createNamedQuery("kcc.dataKey.bySubject", ConsentDataKeyEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("subject", subject)
                .setFlushMode(FlushModeType.COMMIT)
                .setMaxResults(1).getResultList().stream().findFirst().orElse(null);
        if (key == null) {
            key = create(realm, subject);
        }
        e.setDataKeyId(key.getId());
        e.setDataKeyWrapped(key.getWrappedKey());
        e.setEncryptionKeyId(key.getKekKid());
        return of(realm, e);
    }

    /**
     * After a rotation: the row's data key re-wrapped under the realm's active key (once per data key; its values
     * stay as they are), and the row's copy and key id brought in step.
     */
    void rewrap(RealmModel realm, ConsentEntity e) {
        ConsentDataKeyEntity key = em.find(ConsentDataKeyEntity.class, e.getDataKeyId());
        if (key == null || key.getWrappedKey() == null) {
            throw new MissingFieldKeyException("the data key of this consent was erased");
        }
        FieldCipher realmCipher = realmCipher(realm);
        if (!realmCipher.isEncryptedWithActiveKey(key.getWrappedKey())) {
            key.setWrappedKey(realmCipher.reencrypt(context(realm, key.getId()), key.getWrappedKey()));
            key.setKekKid(realmCipher.keyIdOf(key.getWrappedKey()));
        }
        e.setDataKeyWrapped(key.getWrappedKey());
        e.setEncryptionKeyId(key.getKekKid());
    }

    /**
     * Destroys those of these data keys that no consent still in use needs: their values can never be read again
     * from the database or any later copy of it (the rows' own copies go with their erasure). A key shared with a
     * consent that was not erased (the same CPF under another Keycloak user, say) is kept.
     */
    void destroyUnused(RealmModel realm, Collection<String> dataKeyIds) {
        if (dataKeyIds.isEmpty()) {
            return;
        }
        Set<String> stillUsed = new HashSet<>(em.createNamedQuery("kcc.dataKey.stillUsed", String.class)
                .setParameter("ids", dataKeyIds).getResultList());
        for (String id : dataKeyIds) {
            ConsentDataKeyEntity key = em.find(ConsentDataKeyEntity.class, id);
            if (key != null && key.getRealmId().equals(realm.getId()) && !stillUsed.contains(id)) {
                key.setWrappedKey(null);
                key.setSubject(null);
                key.setErasedAt(clock.get().toEpochMilli());
                byDataKey.remove(id);
            }
        }
    }

    /** Deletes those of these data keys that no consent row refers to any more (after consents were deleted). */
    void deleteUnused(RealmModel realm, Collection<String> dataKeyIds) {
        if (!dataKeyIds.isEmpty()) {
            em.createNamedQuery("kcc.dataKey.deleteUnused").setParameter("realmId", realm.getId())
                    .setParameter("ids", dataKeyIds).executeUpdate();
        }
    }

    void deleteAll(RealmModel realm) {
        em.createNamedQuery("kcc.dataKey.deleteByRealm").setParameter("realmId", realm.getId()).executeUpdate();
    }

    private ConsentDataKeyEntity create(RealmModel realm, String subject) {
        byte[] secret = new byte[KEY_BYTES];
        RANDOM.nextBytes(secret);
        ConsentDataKeyEntity key = new ConsentDataKeyEntity();
        key.setId(UUID.randomUUID().toString());
        key.setRealmId(realm.getId());
        key.setSubject(subject);
        FieldCipher realmCipher = realmCipher(realm);
        key.setWrappedKey(realmCipher.encrypt(context(realm, key.getId()), Base64.getUrlEncoder().withoutPadding().encodeToString(secret)));
        key.setKekKid(realmCipher.keyIdOf(key.getWrappedKey()));
        key.setCreatedAt(clock.get().toEpochMilli());
        em.persist(key);
        byDataKey.put(key.getId(), cipher(realm, key.getId(), secret));
        return key;
    }

    private FieldCipher unwrap(RealmModel realm, String dataKeyId, String wrapped) {
        if (wrapped == null) {
            throw new MissingFieldKeyException("the data key of this consent was erased");
        }
        String secret = realmCipher(realm).decrypt(context(realm, dataKeyId), wrapped);
        return cipher(realm, dataKeyId, Base64.getUrlDecoder().decode(secret));
    }

    private FieldCipher realmCipher(RealmModel realm) {
        return byRealm.computeIfAbsent(realm.getId(), id -> crypto.cipher(realm));
    }

    private FieldCipher cipher(RealmModel realm, String dataKeyId, byte[] secret) {
        return crypto.dataKeyCipher(realm, new ActiveKey(EnvelopeFieldKeys.kidOf(dataKeyId), new SecretKeySpec(secret, "AES")));
    }

    private static FieldContext context(RealmModel realm, String dataKeyId) {
        return new FieldContext(realm.getId(), dataKeyId, WRAP_FIELD);
    }
}
