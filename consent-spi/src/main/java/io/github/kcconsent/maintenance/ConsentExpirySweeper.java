package io.github.kcconsent.maintenance;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.github.kcconsent.store.ConsentStore;
import io.github.kcconsent.support.RealmJobs;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * Moves consents whose time has passed to REJECTED with the spec's expiry reason. Reads do not depend on it:
 * they already report overdue consents as rejected; this makes the database agree, and ends what an ended
 * consent leaves behind in Keycloak (client sessions, the user consent entry) and queues its webhook.
 * <p>
 * Realm by realm, and each consent in its own transaction with its realm in the session context
 * ({@link RealmJobs}): ending an authorised consent reaches Keycloak's user and session code, which needs the
 * realm, and a consent that cannot be expired must neither roll back the others nor stop the next realm. Such
 * a consent is tried {@value #ATTEMPTS} times, then passed over (the listing pages by id, past it) and left
 * for a later run.
 */
public class ConsentExpirySweeper implements ScheduledTask {

    public static final String TASK_NAME = "kcconsent-expiry";

    static final int ATTEMPTS = 3;
    private static final int PAGE = 100;

    private static final Logger LOG = Logger.getLogger(ConsentExpirySweeper.class);

    private final int batchSize;
    /**
     * Per realm, where this node's next run resumes after a run that stopped on failures. Only a position in the
     * listing, on this node's one sweeper instance: another node simply starts from the beginning.
     */
    private final Map<String, String> resumeAfter = new ConcurrentHashMap<>();

    public ConsentExpirySweeper(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public void run(KeycloakSession session) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                s -> s.getProvider(ConsentStore.class).realmIdsWithOverdue());
        RealmJobs.forEachRealm(TASK_NAME, realmIds, realmId -> sweep(factory, realmId));
    }

    /**
     * Expires up to the batch size in one realm, and stops early after as many failures, so a run stays bounded.
     * A run stopped by failures is resumed by this node's next run after the last consent it tried (wrapping
     * round to the start once), so rows that keep failing cannot keep the rest of the realm waiting.
     */
    private void sweep(KeycloakSessionFactory factory, String realmId) {
        String start = resumeAfter.getOrDefault(realmId, "");
        String after = start;
        boolean wrapped = start.isEmpty();
        int expired = 0;
        int failed = 0;
        while (expired < batchSize && failed < batchSize) {
            String from = after;
            List<String> ids = RealmJobs.inRealm(factory, realmId,
                    (s, realm) -> s.getProvider(ConsentStore.class).overdueIds(realm, from, Math.min(PAGE, batchSize)));
            if (ids == null || ids.isEmpty()) {
                if (wrapped) {
                    break;
                }
                wrapped = true;
                after = "";
                continue;
            }
            for (String id : ids) {
                after = id;
                Boolean moved = RealmJobs.withRetries(TASK_NAME, "expiring consent " + id, ATTEMPTS,
                        () -> RealmJobs.inRealm(factory, realmId,
                                (s, realm) -> s.getProvider(ConsentStore.class).expireIfOverdue(realm, id)),
                        null);
                if (moved == null) {
                    failed++;
                } else if (moved) {
                    expired++;
                }
                if (expired >= batchSize || failed >= batchSize) {
                    break;
                }
            }
        }
        if (failed >= batchSize) {
            resumeAfter.put(realmId, after);
        } else {
            resumeAfter.remove(realmId);
        }
        if (expired > 0 || failed > 0) {
            LOG.debugf("realm %s: expired %d consents, %d left for a later run", realmId, expired, failed);
        }
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }
}
