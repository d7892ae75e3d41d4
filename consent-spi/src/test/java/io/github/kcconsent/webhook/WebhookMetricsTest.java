package io.github.kcconsent.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class WebhookMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WebhookMetrics metrics = new WebhookMetrics(registry);

    @Test
    void attemptsAreCountedByRealmKindAndOutcome() {
        metrics.attempt("bank", WebhookKind.SIGNED_EVENT, "delivered");
        metrics.attempt("bank", WebhookKind.SIGNED_EVENT, "delivered");
        metrics.attempt("bank", WebhookKind.OPEN_FINANCE_PAYMENT_CONSENT, "retry");
        assertEquals(2.0, registry.get(WebhookMetrics.ATTEMPTS).tags("realm", "bank", "kind", "SIGNED_EVENT",
                "outcome", "delivered").counter().count());
        assertEquals(1.0, registry.get(WebhookMetrics.ATTEMPTS).tags("kind", "OPEN_FINANCE_PAYMENT_CONSENT",
                "outcome", "retry").counter().count());
    }

    @Test
    void theGaugesShowTheLastSampleAndTheAgeOfItsOldestEvent() {
        assertTrue(metrics.sampleDue(1_000_000L, 10_000), "never sampled");
        metrics.sampled(new WebhookBacklog(7, 1_000_000L - 90_000), 1_000_000L);
        assertEquals(7.0, registry.get(WebhookMetrics.BACKLOG).gauge().value());
        assertEquals(90.0, registry.get(WebhookMetrics.OLDEST_AGE).gauge().value());
        assertFalse(metrics.sampleDue(1_005_000L, 10_000));
        assertTrue(metrics.sampleDue(1_010_000L, 10_000));

        metrics.sampled(new WebhookBacklog(0, null), 1_010_000L);
        assertEquals(0.0, registry.get(WebhookMetrics.BACKLOG).gauge().value());
        assertEquals(0.0, registry.get(WebhookMetrics.OLDEST_AGE).gauge().value(), "no pending event, no age");
    }

    @Test
    void ofTheDispatchersSharingTheMetricsOnlyOneSamplesPerInterval() {
        assertTrue(metrics.sampleDue(2_000_000L, 10_000), "the first dispatcher to poll samples");
        assertFalse(metrics.sampleDue(2_000_000L, 10_000), "the second one, at the same moment, does not");
        assertFalse(metrics.sampleDue(2_009_999L, 10_000));
        assertTrue(metrics.sampleDue(2_010_000L, 10_000));
    }
}
