package io.github.kcconsent.support;

import java.util.List;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Background work realm by realm and row by row. Scheduled tasks run in a session without a realm, and
 * Keycloak code reached from our listeners (users, sessions, organizations) refuses to work without one; and one
 * transaction for everything means one bad row rolls back every realm's work, every interval. So each piece of
 * work here gets a fresh session and transaction with its realm in the context, and a failure is logged (class
 * and message only, never row contents) and stops nothing else.
 */
public final class RealmJobs {

    private static final Logger LOG = Logger.getLogger(RealmJobs.class);

    private RealmJobs() {
    }

    /** Work to do inside one realm's session and transaction. */
    @FunctionalInterface
    public interface RealmWork<T> {
        T run(KeycloakSession session, RealmModel realm);
    }

    /** The ids of every realm, read in a transaction of their own (the list is short, the realms are not). */
    public static List<String> allRealmIds(KeycloakSessionFactory factory) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> session.realms().getRealmsStream().map(RealmModel::getId).toList());
    }

    /**
     * Runs {@code work} in a new session and transaction with the realm set in the session context; commits when
     * it returns. Throws what the work (or the commit) threw, after rolling back. Returns null, doing nothing,
     * when the realm no longer exists.
     */
    public static <T> T inRealm(KeycloakSessionFactory factory, String realmId, RealmWork<T> work) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                return null;
            }
            session.getContext().setRealm(realm);
            return work.run(session, realm);
        });
    }

    /**
     * Runs {@code perRealm} once for each realm id, each call on its own (it opens its own transactions, e.g.
     * with {@link #inRealm}); a realm whose work throws is logged and the next realm still runs. Returns how
     * many realms failed.
     */
    public static int forEachRealm(String taskName, List<String> realmIds, RealmTask perRealm) {
        int failed = 0;
        for (String realmId : realmIds) {
            try {
                perRealm.run(realmId);
            } catch (RuntimeException e) {
                failed++;
                LOG.warnf("task %s failed in realm %s and goes on with the next realm: %s", taskName, realmId, describe(e));
                LOG.debugf(e, "task %s failed in realm %s", taskName, realmId);
            }
        }
        return failed;
    }

    /** One realm's share of a task, by realm id. */
    @FunctionalInterface
    public interface RealmTask {
        void run(String realmId);
    }

    /**
     * Runs {@code attempt} up to {@code attempts} times (each attempt should be its own transaction) and returns
     * its result; after the last failure logs a WARN naming {@code what} and returns {@code failed}, so the
     * caller can skip the row and go on.
     */
    public static <T> T withRetries(String taskName, String what, int attempts, Supplier<T> attempt, T failed) {
        RuntimeException last = null;
        for (int i = 0; i < attempts; i++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                last = e;
                LOG.debugf(e, "task %s: attempt %d for %s failed", taskName, i + 1, what);
            }
        }
        LOG.warnf("task %s: %s failed %d times and is left for a later run: %s", taskName, what, attempts, describe(last));
        return failed;
    }

    /** Exception classes and messages down the cause chain: what went wrong without any row's contents. */
    public static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (out.length() > 500) {
                break;
            }
        }
        return out.toString();
    }
}
