package io.github.kcconsent.support;

import org.keycloak.models.RealmModel;

/**
 * A store of rows bound to Keycloak's realm, clients and users (the parties a consent binds). When Keycloak
 * removes one of them, {@link PartyRemovalListener} deletes its rows in the same transaction: nothing of ours
 * outlives the parties it binds, and removing a user removes their personal data.
 */
public interface PartyBound {

    /** Deletes every row of the realm. Each method returns how many it deleted. */
    int removeByRealm(RealmModel realm);

    /** Deletes the rows of a client (Keycloak internal id) of the realm. */
    int removeByClient(RealmModel realm, String clientId);

    /** Deletes the rows of a user of the realm. */
    int removeByUser(RealmModel realm, String userId);
}
