package io.github.kcconsent.webhook.jpa;

import java.util.List;
import java.util.function.BooleanSupplier;

import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.FieldDecryptionException;
import io.github.kcconsent.crypto.MissingFieldKeyException;
import io.github.kcconsent.store.RealmConsentCrypto;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * After a field key rotation, rewrites outbox payloads still encrypted under an older key with the realm's
 * active key, so the old key can be disabled without making queued events undecryptable (and events already
 * delivered can still be redelivered). Each realm in its own transaction with the realm in the session
 * context; a row that cannot be decrypted is logged (ids only) and skipped; a failing realm never stops the
 * others. Rows are rewritten with a conditional update of the payload and key id only, so it never races the
 * dispatcher's claims or outcomes.
 */
public class WebhookOutboxReencryptionTask implements ScheduledTask {

    public static final String TASK_NAME = "kcconsent-webhook-reencrypt";

    private static final Logger LOG = Logger.getLogger(WebhookOutboxReencryptionTask.class);

    private final int batchSize;
    private final BooleanSupplier stopping;

    public WebhookOutboxReencryptionTask(int batchSize, BooleanSupplier stopping) {
        this.batchSize = batchSize;
        this.stopping = stopping;
    }

    /** Rows moved and rows skipped in one realm. */
    record Result(int moved, int skipped) {
    }

    @Override
    public void run(KeycloakSession session) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        List<String> realmIds = em(session).createQuery(
                "select distinct w.realmId from KccWebhookEvent w", String.class).getResultList();
        for (String realmId : realmIds) {
            if (stopping.getAsBoolean()) {
                return;
            }
            try {
                Result result = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> reencrypt(s, realmId));
                if (result.moved() > 0 || result.skipped() > 0) {
                    LOG.infof("realm %s: re-encrypted %d webhook events under the active key, %d skipped (key missing)",
                            realmId, result.moved(), result.skipped());
                }
            } catch (RuntimeException e) {
                LOG.warnf("realm %s: webhook outbox re-encryption failed, retried next run: %s", realmId, e.getClass().getSimpleName());
            }
        }
    }

    Result reencrypt(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return new Result(0, 0); // rows of a removed realm go with it
        }
        session.getContext().setRealm(realm);
        FieldCipher cipher = new RealmConsentCrypto(session).cipher(realm);
        String activeKeyId;
        try {
            activeKeyId = cipher.activeKeyId();
        } catch (MissingFieldKeyException e) {
            return new Result(0, 0); // nothing to move to; writes fail closed elsewhere
        }
        EntityManager em = em(session);
        int moved = 0;
        int skipped = 0;
        String after = "";
        // Walk by id, so undecryptable rows are passed over instead of being picked first on every run.
        while (moved < batchSize) {
            List<WebhookEventEntity> page = em.createNamedQuery("kcc.webhook.notUnderKey", WebhookEventEntity.class)
                    .setParameter("realmId", realmId)
                    .setParameter("keyId", activeKeyId)
                    .setParameter("after", after)
                    .setMaxResults(Math.min(100, batchSize - moved))
                    .getResultList();
            if (page.isEmpty()) {
                break;
            }
            for (WebhookEventEntity e : page) {
                after = e.getId();
                try {
                    String stored = e.getPayloadEncrypted();
                    String reencrypted = cipher.reencrypt(JpaWebhookOutbox.payloadContext(realmId, e.getConsentId(), e.getId()), stored);
                    int updated = em.createQuery("update KccWebhookEvent w set w.payloadEncrypted = :payload, w.keyId = :keyId"
                                    + " where w.id = :id and (w.keyId is null or w.keyId = :oldKeyId)")
                            .setParameter("payload", reencrypted)
                            .setParameter("keyId", cipher.keyIdOf(reencrypted))
                            .setParameter("id", e.getId())
                            .setParameter("oldKeyId", e.getKeyId() == null ? "" : e.getKeyId())
                            .executeUpdate();
                    moved += updated;
                } catch (MissingFieldKeyException | FieldDecryptionException ex) {
                    skipped++;
                    LOG.warnf("webhook event %s of realm %s cannot be re-encrypted (key %s)", e.getId(), realm.getName(), e.getKeyId());
                }
            }
            em.clear();
        }
        return new Result(moved, skipped);
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }
}
