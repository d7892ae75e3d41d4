package io.github.kcconsent.it;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server configuration every integration test shares, so the suite starts Keycloak once.
 * It deploys the packaged jars of this build (the shaded provider jar and the theme jar), exactly what a
 * user copies into providers/, plus the test-only provider module that drives the store directly.
 */
public class ConsentServerConfig implements KeycloakServerConfig {

    public static final String GROUP_ID = "io.github.kcconsent";

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return config
                .dependency(GROUP_ID, "consent-spi")
                .dependency(GROUP_ID, "consent-theme")
                .dependency(GROUP_ID, "consent-test-providers")
                // Sweep every 2 s so expiry tests need not wait a minute.
                .spiOption("kcconsent-store", "jpa", "expiry-interval", "2");
    }
}
