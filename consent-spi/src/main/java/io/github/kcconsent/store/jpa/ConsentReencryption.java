package io.github.kcconsent.store.jpa;

import java.util.List;
import io.github.kcconsent.crypto.BlindIndex;
import io.github.kcconsent.crypto.DocumentKind;
import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.FieldDecryptionException;
import io.github.kcconsent.crypto.MissingFieldKeyException;
import io.github.kcconsent.store.ConsentCrypto;
import io.github.kcconsent.support.ReencryptionResult;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * Moves consents written under an older field key (or blind-indexed under an older index key) to the realm's
 * active keys, a batch at a time, so the old keys can be disabled after a rotation. A consent under its customer's
 * data key keeps its values: the data key is re-wrapped under the active key and the blind indexes are made anew.
 * A consent still under the realm's key (written before data keys) moves under its customer's data key. A row is
 * either fully moved or left untouched; a row whose key is gone is skipped and counted, never half rewritten.
 */
final class ConsentReencryption {

    private static final Logger LOG = Logger.getLogger(ConsentReencryption.class);
    private static final int PAGE = 100;

    private final EntityManager em;
    private final ConsentCrypto crypto;
    private final ConsentFields fields;
    private final ConsentRows rows;
    private final ConsentCiphers ciphers;

    ConsentReencryption(EntityManager em, ConsentCrypto crypto, ConsentFields fields, ConsentRows rows,
                        ConsentCiphers ciphers) {
        this.em = em;
        this.crypto = crypto;
        this.fields = fields;
        this.rows = rows;
        this.ciphers = ciphers;
    }

    ReencryptionResult reencrypt(RealmModel realm, int max) {
        if (em.createNamedQuery("kcc.consent.idsByRealm", String.class)
                .setParameter("realmId", realm.getId()).setMaxResults(1).getResultList().isEmpty()) {
            return new ReencryptionResult(0, 0); // nothing to move, and a realm without consents needs no keys
        }
        FieldCipher cipher = crypto.cipher(realm);
        BlindIndex index = crypto.blindIndex(realm);
        String activeKeyId = cipher.activeKeyId();
        int moved = 0;
        int skipped = 0;
        String after = "";
        // Walk stale rows by id so rows that cannot be decrypted (their key was deleted) are passed over
        // instead of being picked first on every run and starving the rest.
        while (moved < max) {
            List<ConsentEntity> page = em.createNamedQuery("kcc.consent.notUnderKey", ConsentEntity.class)
                    .setParameter("realmId", realm.getId())
                    .setParameter("keyId", activeKeyId)
                    .setParameter("after", after)
                    .setMaxResults(Math.min(PAGE, max - moved))
                    .getResultList();
            if (page.isEmpty()) {
                break;
            }
            for (ConsentEntity e : page) {
                after = e.getId();
                try {
                    reencrypt(realm, e, cipher, index, activeKeyId);
                    moved++;
                } catch (MissingFieldKeyException | FieldDecryptionException ex) {
                    skipped++;
                    LOG.warnf("consent %s cannot be re-encrypted: %s", e.getId(), ex.getMessage());
                }
            }
            rows.flush(after);
        }
        return new ReencryptionResult(moved, skipped);
    }

    private void reencrypt(RealmModel realm, ConsentEntity e, FieldCipher realmCipher, BlindIndex index, String activeKeyId) {
        if (e.getErasedAt() != null) {
            // Nothing personal left to move (and its data key may be destroyed): only the key id catches up.
            e.setEncryptionKeyId(activeKeyId);
            return;
        }
        if (e.getDataKeyId() != null) {
            rewrap(realm, e, index);
            return;
        }
        String id = e.getId();
        // Decrypt everything first, so a row is either fully moved or left untouched.
        String cpf = fields.decrypt(realmCipher, realm, id, ConsentFields.CPF, e.getCpfEncrypted());
        String cnpj = fields.decrypt(realmCipher, realm, id, ConsentFields.CNPJ, e.getCnpjEncrypted());
        String metadata = fields.decrypt(realmCipher, realm, id, ConsentFields.SESSION_METADATA, e.getSessionMetadataEncrypted());
        String payment = fields.decrypt(realmCipher, realm, id, ConsentFields.PAYMENT, e.getPaymentDetailsEncrypted());
        List<String> labels = e.getResources().stream()
                .map(r -> fields.decrypt(realmCipher, realm, id, ConsentFields.resourceLabel(r.getResourceId()), r.getLabelEncrypted()))
                .toList();
        e.setCpfIndex(cpf == null ? null : index.index(DocumentKind.CPF, cpf));
        e.setCnpjIndex(cnpj == null ? null : index.index(DocumentKind.CNPJ, cnpj));
        // Into envelope form (or, with per-customer keys off, the realm's active key); assign names the wrapping kid.
        FieldCipher cipher = ciphers.assign(realm, e, ConsentSubjects.of(e));
        e.setCpfEncrypted(fields.encrypt(cipher, realm, id, ConsentFields.CPF, cpf));
        e.setCnpjEncrypted(fields.encrypt(cipher, realm, id, ConsentFields.CNPJ, cnpj));
        e.setSessionMetadataEncrypted(fields.encrypt(cipher, realm, id, ConsentFields.SESSION_METADATA, metadata));
        e.setPaymentDetailsEncrypted(fields.encrypt(cipher, realm, id, ConsentFields.PAYMENT, payment));
        for (int i = 0; i < labels.size(); i++) {
            ConsentResourceEntity r = e.getResources().get(i);
            r.setLabelEncrypted(fields.encrypt(cipher, realm, id, ConsentFields.resourceLabel(r.getResourceId()), labels.get(i)));
        }
    }

    /** Under a data key: re-wrap the key, re-index the documents; the values themselves stay as they are. */
    private void rewrap(RealmModel realm, ConsentEntity e, BlindIndex index) {
        String id = e.getId();
        FieldCipher cipher = ciphers.of(realm, e);
        String cpf = fields.decrypt(cipher, realm, id, ConsentFields.CPF, e.getCpfEncrypted());
        String cnpj = fields.decrypt(cipher, realm, id, ConsentFields.CNPJ, e.getCnpjEncrypted());
        ciphers.rewrap(realm, e);
        e.setCpfIndex(cpf == null ? null : index.index(DocumentKind.CPF, cpf));
        e.setCnpjIndex(cnpj == null ? null : index.index(DocumentKind.CNPJ, cnpj));
    }
}
