package io.github.kcconsent.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.kcconsent.fakes.KeycloakFakes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.timer.ScheduledTask;

/** Two nodes' timers fire in the same interval: one runs the task; the next interval, one runs it again. */
class OncePerIntervalTaskTest {

    private static final long HOUR = 3_600_000L;

    /** The cluster-wide single-use store, as both nodes see it. */
    private final Set<String> claimed = new HashSet<>();
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void resetClock() {
        Time.setOffset(0);
    }

    @Test
    void oneNodeRunsPerInterval() {
        ScheduledTask nodeA = new OncePerIntervalTask(counting(), HOUR);
        ScheduledTask nodeB = new OncePerIntervalTask(counting(), HOUR);
        // Start well inside an interval, so the two firings cannot straddle its boundary.
        long intoInterval = Time.currentTimeMillis() % HOUR;
        Time.setOffset((int) ((HOUR / 2 - intoInterval) / 1000));

        nodeA.run(session());
        nodeB.run(session());
        assertEquals(1, runs.get(), "one run in this interval");

        Time.setOffset(Time.getOffset() + 3600);
        nodeB.run(session());
        nodeA.run(session());
        assertEquals(2, runs.get(), "one more in the next interval");
        assertEquals(Set.of("kcconsent-task:counting:" + (Time.currentTimeMillis() / HOUR - 1),
                "kcconsent-task:counting:" + Time.currentTimeMillis() / HOUR), claimed);
    }

    @Test
    void eachRunIsTimedByOutcomeAndTheGaugesShowTheTasksHealthOnThisNode() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        boolean[] fail = {true};
        ScheduledTask flaky = new ScheduledTask() {
            @Override
            public void run(KeycloakSession session) {
                if (fail[0]) {
                    throw new IllegalStateException("boom");
                }
            }

            @Override
            public String getTaskName() {
                return "flaky";
            }
        };
        OncePerIntervalTask task = new OncePerIntervalTask(flaky, HOUR, registry);
        assertEquals(0.0, gauge(registry, OncePerIntervalTask.LAST_SUCCESS), "never succeeded yet");

        assertThrows(IllegalStateException.class, () -> task.run(session()));
        Time.setOffset(Time.getOffset() + 3600);
        assertThrows(IllegalStateException.class, () -> task.run(session()));
        assertEquals(2.0, gauge(registry, OncePerIntervalTask.CONSECUTIVE_FAILURES));
        assertEquals(0.0, gauge(registry, OncePerIntervalTask.LAST_SUCCESS));

        fail[0] = false;
        Time.setOffset(Time.getOffset() + 3600);
        task.run(session());
        assertEquals(0.0, gauge(registry, OncePerIntervalTask.CONSECUTIVE_FAILURES), "a success resets the count");
        assertEquals(Time.currentTime(), gauge(registry, OncePerIntervalTask.LAST_SUCCESS), 1.0);
        assertEquals(2, registry.get(OncePerIntervalTask.RUNS).tags("task", "flaky", "outcome", "failure").timer().count());
        assertEquals(1, registry.get(OncePerIntervalTask.RUNS).tags("task", "flaky", "outcome", "success").timer().count());
    }

    @Test
    void aNodeThatLosesTheIntervalRecordsNoRun() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OncePerIntervalTask nodeA = new OncePerIntervalTask(counting(), HOUR, registry);
        long intoInterval = Time.currentTimeMillis() % HOUR;
        Time.setOffset((int) ((HOUR / 2 - intoInterval) / 1000));
        nodeA.run(session());
        nodeA.run(session());
        assertEquals(1, registry.get(OncePerIntervalTask.RUNS).tags("outcome", "success").timer().count());
    }

    private static double gauge(SimpleMeterRegistry registry, String name) {
        return registry.get(name).tags("task", "flaky").gauge().value();
    }

    private ScheduledTask counting() {
        return new ScheduledTask() {
            @Override
            public void run(KeycloakSession session) {
                runs.incrementAndGet();
            }

            @Override
            public String getTaskName() {
                return "counting";
            }
        };
    }

    private KeycloakSession session() {
        SingleUseObjectProvider store = new SingleUseObjectProvider() {
            @Override
            public boolean putIfAbsent(String key, long lifespanSeconds) {
                return claimed.add(key);
            }

            @Override
            public void put(String key, long lifespanSeconds, Map<String, String> notes) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, String> get(String key) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, String> remove(String key) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean replace(String key, Map<String, String> notes) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean contains(String key) {
                return claimed.contains(key);
            }

            @Override
            public void close() {
            }
        };
        return KeycloakFakes.of(KeycloakSession.class).on("getProvider", 1, a -> {
            if (a[0] != SingleUseObjectProvider.class) {
                throw new AssertionError("unexpected provider " + a[0]);
            }
            return store;
        }).build();
    }
}
