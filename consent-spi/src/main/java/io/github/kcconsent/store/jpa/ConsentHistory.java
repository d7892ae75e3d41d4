package io.github.kcconsent.store.jpa;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.StatusChange;
import jakarta.persistence.EntityManager;

/**
 * The append-only status history: one row per transition, written in the transaction of the change itself, and
 * read oldest first. Nothing here updates or deletes a row (only the removal with the consent's realm, client or
 * user does, {@link ConsentRemoval}).
 */
final class ConsentHistory {

    private final EntityManager em;

    ConsentHistory(EntityManager em) {
        this.em = em;
    }

    /**
     * @param sequence orders the consent's history: the version the consent row has after this change (0 when it
     *                 is created)
     */
    void append(String consentId, ConsentStatus from, ConsentStatus to, Instant at, Actor actor, Channel channel,
                Rejection rejection, long sequence) {
        ConsentStatusChangeEntity h = new ConsentStatusChangeEntity();
        h.setId(UUID.randomUUID().toString());
        h.setConsentId(consentId);
        h.setSequence(sequence);
        h.setFromStatus(from == null ? null : from.name());
        h.setToStatus(to.name());
        h.setChangedAt(at.toEpochMilli());
        h.setActor(actor.asString());
        h.setChannel(channel.name());
        if (rejection != null) {
            h.setReason(rejection.reason().name());
            h.setAdditionalInformation(rejection.additionalInformation());
        }
        em.persist(h);
    }

    List<StatusChange> of(String consentId) {
        return em.createNamedQuery("kcc.history.byConsent", ConsentStatusChangeEntity.class)
                .setParameter("consentId", consentId)
                .getResultList().stream()
                .map(ConsentMapper::toStatusChange)
                .toList();
    }
}
