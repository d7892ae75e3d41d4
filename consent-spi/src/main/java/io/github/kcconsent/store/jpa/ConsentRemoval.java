package io.github.kcconsent.store.jpa;

import java.util.List;
import io.github.kcconsent.store.ConsentEvents;
import jakarta.persistence.EntityManager;
import org.keycloak.models.RealmModel;

/**
 * Deletes the consents of a realm, client or user with everything that hangs off them (history, selected
 * accounts, the customers' data keys no other consent uses), a chunk of ids at a time so that no {@code IN} list
 * grows with the realm. Each chunk is announced first ({@link ConsentEvents#consentsRemoved}), so consumers delete what they keep per consent (webhook events)
 * in the same transaction without the store knowing their tables.
 */
final class ConsentRemoval {

    private static final int DELETE_CHUNK = 500;

    private final EntityManager em;
    private final ConsentEvents events;
    private final ConsentCiphers ciphers;

    ConsentRemoval(EntityManager em, ConsentEvents events, ConsentCiphers ciphers) {
        this.em = em;
        this.events = events;
        this.ciphers = ciphers;
    }

    int removeByRealm(RealmModel realm) {
        int removed = removeIds(realm, em.createNamedQuery("kcc.consent.idsByRealm", String.class)
                .setParameter("realmId", realm.getId()).getResultList());
        ciphers.deleteAll(realm);
        return removed;
    }

    int removeByClient(RealmModel realm, String clientId) {
        return removeIds(realm, em.createNamedQuery("kcc.consent.idsByClient", String.class)
                .setParameter("realmId", realm.getId()).setParameter("clientId", clientId).getResultList());
    }

    int removeByUser(RealmModel realm, String userId) {
        return removeIds(realm, em.createNamedQuery("kcc.consent.idsByUser", String.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).getResultList());
    }

    private int removeIds(RealmModel realm, List<String> ids) {
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK));
            events.consentsRemoved(realm, chunk);
            List<String> dataKeys = em.createNamedQuery("kcc.consent.dataKeysOf", String.class)
                    .setParameter("ids", chunk).getResultList();
            em.createNamedQuery("kcc.history.deleteByConsents").setParameter("consentIds", chunk).executeUpdate();
            em.createQuery("delete from KccConsentResource r where r.consent.id in :ids")
                    .setParameter("ids", chunk).executeUpdate();
            em.createQuery("delete from KccConsent c where c.id in :ids").setParameter("ids", chunk).executeUpdate();
            // The customers' data keys go with their last consent.
            ciphers.deleteUnused(realm, dataKeys);
        }
        return ids.size();
    }
}
