package io.github.kcconsent.webhook;

import java.time.Duration;

import io.github.kcconsent.clientsettings.WebhookUrlForm;
import org.keycloak.Config;

/**
 * Server options of the dispatcher ({@code --spi-kcconsent-webhook--jpa--<key>}); see the README for each.
 * {@code requestTimeout} is the total deadline of one delivery attempt (connect, TLS, send, status line).
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
        boolean allowPrivateNetworks,
        int deliveryThreads,
        int maxInFlightPerPartner,
        Duration reencryptInterval,
        int reencryptBatchSize) {

    public static WebhookDispatcherSettings from(Config.Scope c) {
        return new WebhookDispatcherSettings(
                Math.max(0, c.getInt("dispatchers", 1)),
                Duration.ofMillis(c.getLong("poll-interval-ms", 1000L)),
                Math.max(1, c.getInt("batch-size", 20)),
                Duration.ofSeconds(c.getLong("claim-seconds", 60L)),
                Duration.ofMillis(c.getLong("connect-timeout-ms", 3000L)),
                Duration.ofMillis(c.getLong("request-timeout-ms", 5000L)),
                Duration.ofSeconds(c.getLong("initial-backoff-seconds", 10L)),
                Duration.ofSeconds(c.getLong("max-backoff-seconds", 3600L)),
                Duration.ofHours(c.getLong("max-age-hours", 24L)),
                c.getBoolean(WebhookUrlForm.ALLOW_HTTP_OPTION, false),
                c.getBoolean("allow-private-networks", false),
                Math.max(1, c.getInt("delivery-threads", 8)),
                Math.max(1, c.getInt("max-in-flight-per-partner", 2)),
                Duration.ofSeconds(Math.max(1L, c.getLong("reencrypt-interval-seconds", 600L))),
                Math.max(1, c.getInt("reencrypt-batch-size", 200)));
    }

    /**
     * The claim actually taken per event: at least twice the delivery deadline, so a claim never runs out
     * while its own attempt is still allowed to run (which would let a second dispatcher send it too).
     */
    public Duration effectiveClaim() {
        Duration floor = requestTimeout.multipliedBy(2);
        return claimFor.compareTo(floor) >= 0 ? claimFor : floor;
    }

    /** Exponential backoff with ±20 % jitter, so many failing events do not retry in lockstep. */
    public Duration backoff(int attempts, double random) {
        double base = initialBackoff.toMillis() * Math.pow(2, Math.max(0, attempts - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        return Duration.ofMillis((long) (capped * (0.8 + 0.4 * random)));
    }
}
