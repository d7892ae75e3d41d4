package io.github.kcconsent.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting for something the server does in the background (webhook deliveries), with a deadline. */
public final class Eventually {

    private static final Duration DEADLINE = Duration.ofSeconds(40);

    private Eventually() {
    }

    /** Polls every 100 ms until the condition holds; fails the test after 40 s, naming what it waited for. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
