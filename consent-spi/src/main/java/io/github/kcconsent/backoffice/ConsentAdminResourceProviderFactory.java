package io.github.kcconsent.backoffice;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/consents}: the back-office API, behind Keycloak's admin authentication and the
 * roles of {@link BackofficeRoles}. Also provisions those roles in every realm (at start for existing realms, and
 * on realm creation).
 */
public class ConsentAdminResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String PROVIDER_ID = "consents";

    private static final Logger LOG = Logger.getLogger(ConsentAdminResourceProviderFactory.class);

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession s, RealmModel realm,
                                      AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
                return new ConsentAdminResource(s, realm, auth);
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
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory,
                            session -> session.realms().getRealmsStream().forEach(BackofficeRoles::ensure));
                } catch (ModelDuplicateException e) {
                    // Another node provisioned the same roles at the same moment: nothing left to do.
                    LOG.debug("back-office roles were provisioned concurrently by another node");
                }
            } else if (event instanceof RealmModel.RealmPostCreateEvent e) {
                BackofficeRoles.ensure(e.getCreatedRealm());
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
