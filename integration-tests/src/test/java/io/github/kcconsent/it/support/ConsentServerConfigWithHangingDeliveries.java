package io.github.kcconsent.it.support;

import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * {@link ConsentServerConfig} with a delivery deadline of two minutes and a ten-minute claim, for
 * {@code WebhookShutdownStep1IT}: an attempt to a hanging receiver is still in flight, and its claim still
 * valid, when the server stops. A different class, so the framework starts a server for it; its name sorts
 * between ConsentServerConfig and RestartedConsentServerConfig, so it runs after every test of the first
 * server and before {@code WebhookShutdownStep2IT}.
 */
public class ConsentServerConfigWithHangingDeliveries extends ConsentServerConfig {

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return super.configure(config)
                .spiOption("kcconsent-webhook", "jpa", "request-timeout-ms", "120000")
                .spiOption("kcconsent-webhook", "jpa", "claim-seconds", "600");
    }
}
