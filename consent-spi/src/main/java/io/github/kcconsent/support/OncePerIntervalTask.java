package io.github.kcconsent.support;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * Runs a task at most once per interval across the cluster. Every node's timer fires every interval, and
 * Keycloak's {@code ClusterAwareScheduledTaskRunner} only keeps two nodes from running a task at the same time,
 * not one after the other; so before running, a node claims the current interval (wall clock divided by the
 * interval) in Keycloak's single-use object store, which is cluster-wide (the replicated action-token cache
 * that also guards one-time tokens). The node whose {@code putIfAbsent} wins runs; the others skip this
 * interval. The claim lives for one interval, so it is gone once its interval has passed.
 */
public final class OncePerIntervalTask implements ScheduledTask {

    static final String KEY_PREFIX = "kcconsent-task:";

    private static final Logger LOG = Logger.getLogger(OncePerIntervalTask.class);

    private final ScheduledTask task;
    private final long intervalMillis;

    public OncePerIntervalTask(ScheduledTask task, long intervalMillis) {
        this.task = task;
        this.intervalMillis = Math.max(1000L, intervalMillis);
    }

    /**
     * Schedules {@code task} every {@code intervalMillis} on Keycloak's timer, as our background tasks all run:
     * once per interval cluster-wide (this class) inside a {@link ClusterAwareScheduledTaskRunner} (never two
     * nodes at the same moment).
     */
    public static void schedule(KeycloakSessionFactory factory, ScheduledTask task, long intervalMillis) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class).schedule(
                new ClusterAwareScheduledTaskRunner(factory, new OncePerIntervalTask(task, intervalMillis), intervalMillis),
                intervalMillis));
    }

    @Override
    public void run(KeycloakSession session) {
        long slot = Time.currentTimeMillis() / intervalMillis;
        long lifespanSeconds = Math.max(1L, (intervalMillis + 999L) / 1000L);
        boolean claimed = session.getProvider(SingleUseObjectProvider.class)
                .putIfAbsent(KEY_PREFIX + task.getTaskName() + ":" + slot, lifespanSeconds);
        if (!claimed) {
            LOG.debugf("task %s: interval %d already claimed by another node", task.getTaskName(), slot);
            return;
        }
        task.run(session);
    }

    @Override
    public String getTaskName() {
        return task.getTaskName();
    }
}
