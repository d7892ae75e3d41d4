package io.github.kcconsent.openbanking.renewal.jpa;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.FieldContext;
import io.github.kcconsent.crypto.FieldDecryptionException;
import io.github.kcconsent.crypto.MissingFieldKeyException;
import io.github.kcconsent.openbanking.renewal.ConsentExtension;
import io.github.kcconsent.openbanking.renewal.ConsentExtensionPage;
import io.github.kcconsent.openbanking.renewal.ConsentExtensionStore;
import io.github.kcconsent.openbanking.renewal.NewConsentExtension;
import io.github.kcconsent.store.ConsentCrypto;
import io.github.kcconsent.support.ReencryptionResult;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * {@link ConsentExtensionStore} on Keycloak's database. CPF, customer IP address and user agent are personal
 * data: they are stored only as AES-GCM ciphertexts under the realm's field key, with the consent id and the
 * row id in the associated data, so a value copied to another renewal or consent does not decrypt.
 */
public class JpaConsentExtensionStore implements ConsentExtensionStore {

    static final String FIELD_CPF = "ob_extension_cpf:";
    static final String FIELD_IP = "ob_extension_ip:";
    static final String FIELD_USER_AGENT = "ob_extension_user_agent:";

    private static final Logger LOG = Logger.getLogger(JpaConsentExtensionStore.class);

    private final EntityManager em;
    private final ConsentCrypto crypto;

    public JpaConsentExtensionStore(EntityManager em, ConsentCrypto crypto) {
        this.em = em;
        this.crypto = crypto;
    }

    @Override
    public ConsentExtension record(RealmModel realm, NewConsentExtension request) {
        // Renewals of one consent are serialised by the consent row's optimistic lock (the renewal changes
        // it in the same transaction), so max + 1 cannot be taken twice; the unique key backs that up.
        Long last = em.createNamedQuery("kcc.ob.extension.maxSequence", Long.class)
                .setParameter("consentId", request.consentId()).getSingleResult();
        FieldCipher cipher = crypto.cipher(realm);
        ConsentExtensionEntity e = new ConsentExtensionEntity();
        e.setId(UUID.randomUUID().toString());
        e.setRealmId(realm.getId());
        e.setConsentId(request.consentId());
        e.setClientId(request.clientId());
        e.setUserId(request.userId());
        e.setSequence(last == null ? 1 : last + 1);
        e.setRequestedAt(request.requestedAt().toEpochMilli());
        e.setExpiresAt(millis(request.expiresAt()));
        e.setPreviousExpiresAt(millis(request.previousExpiresAt()));
        write(realm, cipher, e, request.loggedUserDocument(), request.customerIpAddress(), request.customerUserAgent());
        em.persist(e);
        em.flush();
        return toModel(realm, cipher, e);
    }

    @Override
    public ConsentExtensionPage page(RealmModel realm, String consentId, int first, int max) {
        long total = em.createNamedQuery("kcc.ob.extension.countByConsent", Long.class)
                .setParameter("realmId", realm.getId()).setParameter("consentId", consentId).getSingleResult();
        if (total == 0 || first >= total) {
            return new ConsentExtensionPage(total, List.of());
        }
        FieldCipher cipher = crypto.cipher(realm);
        List<ConsentExtension> items = em.createNamedQuery("kcc.ob.extension.byConsent", ConsentExtensionEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("consentId", consentId)
                .setFirstResult(first).setMaxResults(max)
                .getResultStream().map(e -> toModel(realm, cipher, e)).toList();
        return new ConsentExtensionPage(total, items);
    }

    @Override
    public ReencryptionResult reencrypt(RealmModel realm, int max) {
        if (em.createNamedQuery("kcc.ob.extension.anyInRealm", String.class)
                .setParameter("realmId", realm.getId()).setMaxResults(1).getResultList().isEmpty()) {
            return new ReencryptionResult(0, 0); // nothing to move; a realm without renewals needs no key
        }
        FieldCipher cipher = crypto.cipher(realm);
        String activeKeyId = cipher.activeKeyId();
        int moved = 0;
        int skipped = 0;
        String after = "";
        // Walk by id so rows whose key is gone are passed over instead of being picked first every run.
        while (moved < max) {
            List<ConsentExtensionEntity> page = em.createNamedQuery("kcc.ob.extension.notUnderKey", ConsentExtensionEntity.class)
                    .setParameter("realmId", realm.getId()).setParameter("keyId", activeKeyId)
                    .setParameter("after", after).setMaxResults(Math.min(100, max - moved)).getResultList();
            if (page.isEmpty()) {
                break;
            }
            for (ConsentExtensionEntity e : page) {
                after = e.getId();
                try {
                    ConsentExtension plain = toModel(realm, cipher, e);
                    write(realm, cipher, e, plain.loggedUserDocument(), plain.customerIpAddress(), plain.customerUserAgent());
                    moved++;
                } catch (MissingFieldKeyException | FieldDecryptionException ex) {
                    skipped++;
                    LOG.warnf("consent renewal %s cannot be re-encrypted: %s", e.getId(), ex.getMessage());
                }
            }
            em.flush();
        }
        return new ReencryptionResult(moved, skipped);
    }

    @Override
    public int removeByRealm(RealmModel realm) {
        return em.createNamedQuery("kcc.ob.extension.deleteByRealm").setParameter("realmId", realm.getId()).executeUpdate();
    }

    @Override
    public int removeByClient(RealmModel realm, String clientId) {
        return em.createNamedQuery("kcc.ob.extension.deleteByClient").setParameter("realmId", realm.getId())
                .setParameter("clientId", clientId).executeUpdate();
    }

    @Override
    public int removeByUser(RealmModel realm, String userId) {
        return em.createNamedQuery("kcc.ob.extension.deleteByUser").setParameter("realmId", realm.getId())
                .setParameter("userId", userId).executeUpdate();
    }

    @Override
    public void consentsErased(RealmModel realm, List<String> consentIds) {
        em.createNamedQuery("kcc.ob.extension.deleteByConsents").setParameter("realmId", realm.getId())
                .setParameter("consentIds", consentIds).executeUpdate();
    }

    @Override
    public void close() {
    }

    private static void write(RealmModel realm, FieldCipher cipher, ConsentExtensionEntity e, String cpf, String ip,
                              String userAgent) {
        e.setLoggedUserEncrypted(cipher.encrypt(context(realm, e, FIELD_CPF), cpf));
        e.setCustomerIpEncrypted(cipher.encrypt(context(realm, e, FIELD_IP), ip));
        e.setCustomerUserAgentEncrypted(cipher.encrypt(context(realm, e, FIELD_USER_AGENT), userAgent));
        e.setEncryptionKeyId(cipher.activeKeyId());
    }

    private static ConsentExtension toModel(RealmModel realm, FieldCipher cipher, ConsentExtensionEntity e) {
        return new ConsentExtension(e.getId(), e.getConsentId(), e.getSequence(),
                Instant.ofEpochMilli(e.getRequestedAt()), instant(e.getExpiresAt()), instant(e.getPreviousExpiresAt()),
                cipher.decrypt(context(realm, e, FIELD_CPF), e.getLoggedUserEncrypted()),
                cipher.decrypt(context(realm, e, FIELD_IP), e.getCustomerIpEncrypted()),
                cipher.decrypt(context(realm, e, FIELD_USER_AGENT), e.getCustomerUserAgentEncrypted()));
    }

    /** The field name carries the row id, so the ciphertext is bound to this very renewal. */
    private static FieldContext context(RealmModel realm, ConsentExtensionEntity e, String field) {
        return new FieldContext(realm.getId(), e.getConsentId(), field + e.getId());
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
