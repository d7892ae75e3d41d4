package io.github.kcconsent.token;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorFactory;

/** Registers {@link ConsentTokenGate} with Keycloak's token post-processors (SPI {@code token-interceptor}). */
public class ConsentTokenGateFactory implements TokenPostProcessorFactory {

    public static final String PROVIDER_ID = "kcconsent-consent-binding";

    @Override
    public TokenPostProcessor create(KeycloakSession session) {
        return new ConsentTokenGate(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
