package io.github.kcconsent.receipt.jpa;

import io.github.kcconsent.consent.ConsentEvent;
import io.github.kcconsent.receipt.ConsentReceipts;
import io.github.kcconsent.receipt.ConsentReceiptsFactory;
import io.github.kcconsent.store.ConsentRenewed;
import io.github.kcconsent.store.ConsentStatusChanged;
import io.github.kcconsent.store.ConsentsRemoved;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * The JPA receipts. Listens to the store's announcements: every status change (but the creation) and every
 * renewal gets its receipt in the change's own transaction, so a receipt exists exactly when its event
 * committed; receipts go with their consents when the store deletes them.
 */
public class JpaConsentReceiptsFactory implements ConsentReceiptsFactory {

    public static final String PROVIDER_ID = "jpa";

    @Override
    public ConsentReceipts create(KeycloakSession session) {
        return new JpaConsentReceipts(session, session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof ConsentStatusChanged changed) {
                ConsentEvent what = ConsentEvent.of(changed.from(), changed.consent().status(), changed.consent().rejection());
                if (what != ConsentEvent.CREATED) {
                    changed.session().getProvider(ConsentReceipts.class).issue(changed.realm(), changed.consent(), what);
                }
            } else if (event instanceof ConsentRenewed renewed) {
                renewed.session().getProvider(ConsentReceipts.class)
                        .issue(renewed.realm(), renewed.consent(), ConsentEvent.RENEWED);
            } else if (event instanceof ConsentsRemoved removed) {
                removed.session().getProvider(ConsentReceipts.class).consentsRemoved(removed.realm(), removed.consentIds());
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
