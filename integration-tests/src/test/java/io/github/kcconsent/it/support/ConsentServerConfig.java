package io.github.kcconsent.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.keycloak.common.Profile;
import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server configuration every integration test shares, so the suite starts Keycloak once.
 * It deploys the packaged jars of this build (the shaded provider jar and the theme jar), exactly what a
 * user copies into providers/, plus the test-only provider module that drives the store directly.
 */
public class ConsentServerConfig implements KeycloakServerConfig {

    public static final String GROUP_ID = "io.github.kcconsent";

    /** The file vault's directory ({@code kc.test.vault.dir}, under target/), created if missing. */
    public static Path vaultDirectory() {
        Path dir = Path.of(System.getProperty("kc.test.vault.dir", "target/kc-vault")).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return config
                // consent:{consentId} scopes (Open Finance authorizations), as run.sh and docker-compose enable it.
                .features(Profile.Feature.PARAMETERIZED_SCOPES)
                // Keycloak's metrics on the management port (9000), where ours appear too (ConsentMetricsIT).
                .option("metrics-enabled", "true")
                // Keycloak's file vault, where VaultFieldKeysIT keeps field-key secrets out of the database.
                .option("vault", "file")
                .option("vault-dir", vaultDirectory().toString())
                .dependency(GROUP_ID, "consent-spi")
                .dependency(GROUP_ID, "consent-theme")
                .dependency(GROUP_ID, "consent-test-providers")
                // Sweep every 2 s so expiry tests need not wait a minute.
                .spiOption("kcconsent-store", "jpa", "expiry-interval", "2")
                // Webhooks to a local receiver over http, retried quickly, by two competing dispatchers.
                .spiOption("kcconsent-webhook", "jpa", "allow-http", "true")
                .spiOption("kcconsent-webhook", "jpa", "allow-private-networks", "true")
                .spiOption("kcconsent-webhook", "jpa", "dispatchers", "2")
                .spiOption("kcconsent-webhook", "jpa", "poll-interval-ms", "200")
                .spiOption("kcconsent-webhook", "jpa", "initial-backoff-seconds", "1")
                .spiOption("kcconsent-webhook", "jpa", "max-backoff-seconds", "2")
                .spiOption("kcconsent-webhook", "jpa", "request-timeout-ms", "3000")
                // A short claim, so a batch that outlived its claim would show as a duplicate within seconds.
                .spiOption("kcconsent-webhook", "jpa", "claim-seconds", "6")
                // Outbox payloads move to a rotated key within seconds (WebhookDeliveryIT).
                .spiOption("kcconsent-webhook", "jpa", "reencrypt-interval-seconds", "2")
                // Payment idempotency keys past their 24 h are purged within seconds (PaymentConsentsApiIT).
                .spiOption("kcconsent-payment-idempotency", "jpa", "purge-interval", "2");
    }
}
