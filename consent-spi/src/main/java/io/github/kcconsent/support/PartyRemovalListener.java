package io.github.kcconsent.support;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Deletes a {@link PartyBound} store's rows when Keycloak removes their realm, client or user (or, for a user of a
 * realm that keeps the audit trail, {@link UserRemovalMode}, erases their personal data instead). Keycloak fires
 * these events in the removal's own session and transaction, so the rows go exactly when the party does. Each
 * store's factory registers one in its {@code postInit}, naming its own provider class, so no store needs to know
 * the others.
 */
public final class PartyRemovalListener<T extends Provider & PartyBound> implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(PartyRemovalListener.class);

    private final Class<T> store;
    private final String rows;

    /**
     * @param rows what the store's rows are, for the log ("consents")
     */
    public PartyRemovalListener(Class<T> store, String rows) {
        this.store = store;
        this.rows = rows;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmRemovedEvent e) {
            int removed = store(e.getKeycloakSession()).removeByRealm(e.getRealm());
            LOG.debugf("removed %d %s with realm %s", removed, rows, e.getRealm().getId());
        } else if (event instanceof ClientModel.ClientRemovedEvent e) {
            ClientModel client = e.getClient();
            int removed = store(e.getKeycloakSession()).removeByClient(client.getRealm(), client.getId());
            LOG.debugf("removed %d %s with client %s", removed, rows, client.getId());
        } else if (event instanceof UserModel.UserRemovedEvent e) {
            if (UserRemovalMode.of(e.getRealm()) == UserRemovalMode.ERASE) {
                int erased = store(e.getKeycloakSession()).eraseByUser(e.getRealm(), e.getUser().getId());
                LOG.debugf("erased the personal data of %d %s of user %s", erased, rows, e.getUser().getId());
            } else {
                int removed = store(e.getKeycloakSession()).removeByUser(e.getRealm(), e.getUser().getId());
                LOG.debugf("removed %d %s with user %s", removed, rows, e.getUser().getId());
            }
        }
    }

    private T store(KeycloakSession session) {
        return session.getProvider(store);
    }
}
