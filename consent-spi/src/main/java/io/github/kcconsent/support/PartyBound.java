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

    /**
     * Instead of {@link #removeByUser}, when the realm keeps the audit trail of removed users
     * ({@link UserRemovalMode#ERASE}): erases the user's personal data and keeps the rows. By default the rows
     * are kept as they are: a store whose rows hold the user's personal data overrides it, and stores whose rows
     * hang off consents scrub them when the consent store announces the erasure. Returns how many rows it erased.
     */
    default int eraseByUser(RealmModel realm, String userId) {
        return 0;
    }
}
