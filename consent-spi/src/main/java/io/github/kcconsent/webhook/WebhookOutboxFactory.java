package io.github.kcconsent.webhook;

import org.keycloak.provider.ProviderFactory;

public interface WebhookOutboxFactory extends ProviderFactory<WebhookOutbox> {
}
