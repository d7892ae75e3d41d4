package io.github.kcconsent.webhook;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The dispatcher's meters in Keycloak's metrics: {@code kcconsent_webhook_attempts_total} (tags {@code realm},
 * {@code kind}, {@code outcome}: {@code delivered}, {@code retry} (failed, will be retried), {@code failed} (given
 * up), {@code waiting} (not tried: switched off or no key)), and two gauges sampled from the outbox by the poller,
 * {@code kcconsent_webhook_backlog} (pending events, all realms) and
 * {@code kcconsent_webhook_oldest_pending_age_seconds}. The outbox is one table for the cluster, so every node
 * reports the same backlog. One instance per node, shared by its dispatchers: the first of them to poll after
 * the sample interval takes the sample ({@link #sampleDue} claims it), the others do not query again.
 */
public final class WebhookMetrics {

    static final String ATTEMPTS = "kcconsent.webhook.attempts";
    static final String BACKLOG = "kcconsent.webhook.backlog";
    static final String OLDEST_AGE = "kcconsent.webhook.oldest.pending.age.seconds";

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestCreatedAt = new AtomicLong();
    private final AtomicLong sampledAt = new AtomicLong();
    /** When a dispatcher last claimed the sample: the claim, not the sample, decides who queries next. */
    private final AtomicLong claimedAt = new AtomicLong();

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(BACKLOG, pending, AtomicLong::doubleValue)
                .description("Webhook events still to be delivered (all realms)").register(registry);
        Gauge.builder(OLDEST_AGE, this, WebhookMetrics::oldestAgeSeconds)
                .description("Age of the oldest webhook event still to be delivered, as of the last sample").register(registry);
    }

    void attempt(String realm, WebhookKind kind, String outcome) {
        Counter.builder(ATTEMPTS).description("Webhook delivery attempts by outcome")
                .tag("realm", realm).tag("kind", kind.name()).tag("outcome", outcome)
                .register(registry).increment();
    }

    void sampled(WebhookBacklog backlog, long now) {
        pending.set(backlog.pending());
        oldestCreatedAt.set(backlog.oldestCreatedAt() == null ? 0 : backlog.oldestCreatedAt());
        sampledAt.set(now);
    }

    /**
     * Whether the caller should sample now: the last claim is older than {@code intervalMillis}, and this caller
     * won the claim (of dispatchers asking at the same moment, one gets true).
     */
    boolean sampleDue(long now, long intervalMillis) {
        long last = claimedAt.get();
        return now - last >= intervalMillis && claimedAt.compareAndSet(last, now);
    }

    private double oldestAgeSeconds() {
        long oldest = oldestCreatedAt.get();
        return oldest == 0 ? 0 : Math.max(0, sampledAt.get() - oldest) / 1000.0;
    }
}
