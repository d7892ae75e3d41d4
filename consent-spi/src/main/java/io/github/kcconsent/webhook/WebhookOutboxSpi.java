package io.github.kcconsent.webhook;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

public class WebhookOutboxSpi implements Spi {

    public static final String NAME = "kcconsent-webhook";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return WebhookOutbox.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return WebhookOutboxFactory.class;
    }
}
