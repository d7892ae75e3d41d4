package io.github.kcconsent.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.Config;

class ConsentMaintenanceSettingsTest {

    @Test
    void withNoOptionsTheDocumentedDefaultsApply() {
        assertEquals(new ConsentMaintenanceSettings(60L, 500, 600L, 200),
                ConsentMaintenanceSettings.from(scope(Map.of()), scope(Map.of())));
    }

    @Test
    void optionsSetOnTheConsentStoreAsBeforeStillConfigureTheMaintenance() {
        Config.Scope former = scope(Map.of("expiry-interval", "2", "expiry-batch-size", "50",
                "reencrypt-interval", "30", "reencrypt-batch-size", "10"));

        assertEquals(new ConsentMaintenanceSettings(2L, 50, 30L, 10),
                ConsentMaintenanceSettings.from(scope(Map.of()), former));
    }

    @Test
    void anOptionSetOnTheMaintenanceWinsOverTheSameOptionOnTheStore() {
        Config.Scope own = scope(Map.of("expiry-interval", "5"));
        Config.Scope former = scope(Map.of("expiry-interval", "2", "reencrypt-batch-size", "10"));

        assertEquals(new ConsentMaintenanceSettings(5L, 500, 600L, 10), ConsentMaintenanceSettings.from(own, former));
    }

    @Test
    void theFormerOptionsAreReadWhereTheStoreReadThem() {
        assertEquals("kcconsent-store", ConsentMaintenanceSettings.FORMER_SCOPE[0]);
        assertEquals("jpa", ConsentMaintenanceSettings.FORMER_SCOPE[1]);
    }

    /** A server option scope over fixed values, as Keycloak's own scopes parse them. */
    private static Config.Scope scope(Map<String, String> values) {
        return new Config.AbstractScope() {
            @Override
            public String get(String key) {
                return values.get(key);
            }

            @Override
            public Config.Scope scope(String... scope) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Set<String> getPropertyNames() {
                return values.keySet();
            }

            @Override
            public Config.Scope root() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
