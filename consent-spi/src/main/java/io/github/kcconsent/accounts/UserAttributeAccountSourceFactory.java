package io.github.kcconsent.accounts;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Option {@code --spi-kcconsent-accounts--user-attribute--attribute} (default {@code kcconsent_accounts}). */
public class UserAttributeAccountSourceFactory implements AccountSourceFactory {

    public static final String PROVIDER_ID = "user-attribute";
    public static final String DEFAULT_ATTRIBUTE = "kcconsent_accounts";

    private String attribute = DEFAULT_ATTRIBUTE;

    @Override
    public AccountSource create(KeycloakSession session) {
        return new UserAttributeAccountSource(attribute);
    }

    @Override
    public void init(Config.Scope config) {
        attribute = config.get("attribute", DEFAULT_ATTRIBUTE);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("attribute").type("string").defaultValue(DEFAULT_ATTRIBUTE)
                .helpText("User attribute holding the JSON array of the user's accounts.").add()
                .build();
    }

    /** The default account source when none is selected with --spi-kcconsent-accounts--provider. */
    @Override
    public int order() {
        return 10;
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
