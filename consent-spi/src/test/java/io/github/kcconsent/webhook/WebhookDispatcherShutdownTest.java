package io.github.kcconsent.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WebhookDispatcherShutdownTest {

    /** Stands for Infinispan's exception of the same simple name (the provider does not depend on Infinispan). */
    static class IllegalLifecycleStateException extends IllegalStateException {
    }

    @Test
    void aStoppedCacheUnderAnAttemptIsTheServerShuttingDown() {
        assertTrue(WebhookDispatcher.serverShuttingDown(new IllegalLifecycleStateException()));
    }

    @Test
    void aStoppedCacheDeepInTheCauseChainIsTheServerShuttingDown() {
        RuntimeException wrapped = new RuntimeException("tx", new IllegalStateException("x", new IllegalLifecycleStateException()));
        assertTrue(WebhookDispatcher.serverShuttingDown(wrapped));
    }

    @Test
    void anyOtherFailureIsADeliveryProblem() {
        assertFalse(WebhookDispatcher.serverShuttingDown(new IllegalStateException("boom")));
        assertFalse(WebhookDispatcher.serverShuttingDown(new RuntimeException(new NullPointerException())));
    }
}
