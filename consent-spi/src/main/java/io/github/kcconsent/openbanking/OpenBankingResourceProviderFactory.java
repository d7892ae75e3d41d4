package io.github.kcconsent.openbanking;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Serves {@code /realms/{realm}/open-banking/…}: the Open Finance Brasil APIs for partners, today the
 * Consents API v3 ({@code /open-banking/consents/v3/consents}), the spec's own base path under the realm.
 */
public class OpenBankingResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "open-banking";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new OpenBankingApis(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
