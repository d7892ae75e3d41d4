package io.github.kcconsent.support;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
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
 *
 * <p>Each run this node makes is measured in Keycloak's metrics ({@code kcconsent_task_runs_seconds} tagged
 * {@code task} and {@code outcome} {@code success}/{@code failure}), and two gauges per task tell an operator
 * whether this node's task is healthy: {@code kcconsent_task_last_success_epoch_seconds} (0 until the first
 * success) and {@code kcconsent_task_consecutive_failures}. A run that throws is a failure; the work inside a
 * run reports its own per-realm failures in the log ({@link RealmJobs}).
 */
public final class OncePerIntervalTask implements ScheduledTask {

    static final String KEY_PREFIX = "kcconsent-task:";

    private static final Logger LOG = Logger.getLogger(OncePerIntervalTask.class);

    public static final String RUNS = "kcconsent.task.runs";
    public static final String LAST_SUCCESS = "kcconsent.task.last.success.epoch.seconds";
    public static final String CONSECUTIVE_FAILURES = "kcconsent.task.consecutive.failures";

    private final ScheduledTask task;
    private final long intervalMillis;
    private final MeterRegistry registry;
    /** This node's view of its own runs; read by the gauges. */
    private final AtomicLong lastSuccessEpochSeconds = new AtomicLong();
    private final AtomicLong consecutiveFailures = new AtomicLong();

    public OncePerIntervalTask(ScheduledTask task, long intervalMillis) {
        this(task, intervalMillis, Metrics.globalRegistry);
    }

    OncePerIntervalTask(ScheduledTask task, long intervalMillis, MeterRegistry registry) {
        this.task = task;
        this.intervalMillis = Math.max(1000L, intervalMillis);
        this.registry = registry;
        Gauge.builder(LAST_SUCCESS, lastSuccessEpochSeconds, AtomicLong::doubleValue)
                .description("When this node last ran the task successfully (0: never)")
                .tag("task", task.getTaskName()).register(registry);
        Gauge.builder(CONSECUTIVE_FAILURES, consecutiveFailures, AtomicLong::doubleValue)
                .description("Runs of the task on this node that failed since its last success")
                .tag("task", task.getTaskName()).register(registry);
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
        long start = System.nanoTime();
        String outcome = "failure";
        try {
            task.run(session);
            outcome = "success";
            lastSuccessEpochSeconds.set(Time.currentTime());
            consecutiveFailures.set(0);
        } catch (RuntimeException | Error e) {
            consecutiveFailures.incrementAndGet();
            throw e;
        } finally {
            Timer.builder(RUNS).description("Runs of a kc-consent background task on this node")
                    .tag("task", task.getTaskName()).tag("outcome", outcome)
                    .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public String getTaskName() {
        return task.getTaskName();
    }
}
