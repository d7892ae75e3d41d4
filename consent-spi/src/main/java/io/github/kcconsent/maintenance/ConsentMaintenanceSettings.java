package io.github.kcconsent.maintenance;

import java.util.List;

import io.github.kcconsent.store.ConsentStoreSpi;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Server options of the maintenance ({@code --spi-kcconsent-maintenance--default--<key>}): how often the expiry
 * sweeper and the consents' re-encryption run, and how many rows each moves per realm per run.
 *
 * <p>Until the maintenance had an SPI of its own these options were read by the consent store
 * ({@code --spi-kcconsent-store--jpa--<key>}); installations configured that way keep working, because a key
 * not set here is read there. An option set here wins.
 */
public record ConsentMaintenanceSettings(long expiryIntervalSeconds, int expiryBatchSize,
                                         long reencryptIntervalSeconds, int reencryptBatchSize) {

    static final String EXPIRY_INTERVAL = "expiry-interval";
    static final String EXPIRY_BATCH_SIZE = "expiry-batch-size";
    static final String REENCRYPT_INTERVAL = "reencrypt-interval";
    static final String REENCRYPT_BATCH_SIZE = "reencrypt-batch-size";

    /** Where the options were read before: the consent store's JPA provider. */
    static final String[] FORMER_SCOPE = {ConsentStoreSpi.NAME, "jpa"};

    /** Reads {@code own} first, then {@code former} (the store's scope), then the defaults. */
    public static ConsentMaintenanceSettings from(Config.Scope own, Config.Scope former) {
        return new ConsentMaintenanceSettings(
                own.getLong(EXPIRY_INTERVAL, former.getLong(EXPIRY_INTERVAL, 60L)),
                own.getInt(EXPIRY_BATCH_SIZE, former.getInt(EXPIRY_BATCH_SIZE, 500)),
                own.getLong(REENCRYPT_INTERVAL, former.getLong(REENCRYPT_INTERVAL, 600L)),
                own.getInt(REENCRYPT_BATCH_SIZE, former.getInt(REENCRYPT_BATCH_SIZE, 200)));
    }

    static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(EXPIRY_INTERVAL).type("int").defaultValue(60)
                .helpText("Seconds between runs of the expiry sweeper (cluster-wide, one node at a time).").add()
                .property().name(EXPIRY_BATCH_SIZE).type("int").defaultValue(500)
                .helpText("Most consents expired per realm per run.").add()
                .property().name(REENCRYPT_INTERVAL).type("int").defaultValue(600)
                .helpText("Seconds between runs of the re-encryption task that moves rows to the active key.").add()
                .property().name(REENCRYPT_BATCH_SIZE).type("int").defaultValue(200)
                .helpText("Most consents re-encrypted per realm per run.").add()
                .build();
    }
}
