package io.github.kcconsent.webhook;

import java.time.Duration;

import org.keycloak.Config;

/**
 * Server options of the dispatcher ({@code --spi-kcconsent-webhook--jpa--<key>}); see the README for each.
 */
public record WebhookDispatcherSettings(
        int dispatchers,
        Duration pollInterval,
        int batchSize,
        Duration claimFor,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxAge,
        boolean allowHttp,
        boolean allowPrivateNetworks) {

    public static WebhookDispatcherSettings from(Config.Scope c) {
        return new WebhookDispatcherSettings(
                Math.max(0, c.getInt("dispatchers", 1)),
                Duration.ofMillis(c.getLong("poll-interval-ms", 1000L)),
                c.getInt("batch-size", 20),
                Duration.ofSeconds(c.getLong("claim-seconds", 60L)),
                Duration.ofMillis(c.getLong("connect-timeout-ms", 3000L)),
                Duration.ofMillis(c.getLong("request-timeout-ms", 5000L)),
                Duration.ofSeconds(c.getLong("initial-backoff-seconds", 10L)),
                Duration.ofSeconds(c.getLong("max-backoff-seconds", 3600L)),
                Duration.ofHours(c.getLong("max-age-hours", 24L)),
                c.getBoolean("allow-http", false),
                c.getBoolean("allow-private-networks", false));
    }

    /** Exponential backoff with ±20 % jitter, so many failing events do not retry in lockstep. */
    public Duration backoff(int attempts, double random) {
        double base = initialBackoff.toMillis() * Math.pow(2, Math.max(0, attempts - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        return Duration.ofMillis((long) (capped * (0.8 + 0.4 * random)));
    }
}
