package io.github.kcconsent.decision;

import io.github.kcconsent.store.ConsentStatusChanged;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

public class ConsentDecisionRequiredActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "kcconsent-decision";

    private static final ConsentDecisionRequiredAction INSTANCE = new ConsentDecisionRequiredAction();

    /**
     * Registers the action in the realm on first use (enabled, after every other required action). Returns
     * false when an admin has disabled it, which switches consent links off for the realm.
     */
    public static boolean ensureRegistered(RealmModel realm) {
        RequiredActionProviderModel model = realm.getRequiredActionProviderByAlias(PROVIDER_ID);
        if (model == null) {
            model = new RequiredActionProviderModel();
            model.setAlias(PROVIDER_ID);
            model.setProviderId(PROVIDER_ID);
            model.setName("Consent decision (Permitir / Ignorar)");
            model.setEnabled(true);
            model.setDefaultAction(false);
            model.setPriority(10_000);
            realm.addRequiredActionProvider(model);
            return true;
        }
        return model.isEnabled();
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public String getDisplayText() {
        return "Consent decision (Permitir / Ignorar)";
    }

    @Override
    public void init(Config.Scope config) {
    }

    /**
     * Registers the action in every realm (existing ones at start, new ones when created), so an Open Finance
     * authorization can trigger it; consent links also register it on first use. Also subscribes the session
     * binding to the store's status changes.
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof ConsentStatusChanged changed) {
                // Keycloak's user consent and the consent's client sessions follow every status change, in the
                // change's own session and transaction.
                new ConsentSessionBinding(changed.session())
                        .statusChanged(changed.realm(), changed.consent(), changed.from());
            } else if (event instanceof PostMigrationEvent) {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory,
                            session -> session.realms().getRealmsStream().forEach(ConsentDecisionRequiredActionFactory::ensureRegistered));
                } catch (ModelDuplicateException e) {
                    // registered at the same moment by another node
                }
            } else if (event instanceof RealmModel.RealmPostCreateEvent e) {
                ensureRegistered(e.getCreatedRealm());
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
