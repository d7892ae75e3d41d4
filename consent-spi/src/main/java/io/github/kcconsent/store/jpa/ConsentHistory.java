package io.github.kcconsent.store.jpa;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.StatusChange;
import io.github.kcconsent.crypto.HistoryMac;
import io.github.kcconsent.store.HistoryVerification;
import jakarta.persistence.EntityManager;

/**
 * The append-only status history: one row per transition, written in the transaction of the change itself,
 * sealed and chained to the entry before ({@link ConsentChain}), and read oldest first. Nothing here deletes a
 * row (only the removal with the consent's realm, client or user does, {@link ConsentRemoval}) or rewrites one,
 * except that entries written before sealing existed get their seal once ({@link #sealLate}).
 */
final class ConsentHistory {

    private final EntityManager em;

    ConsentHistory(EntityManager em) {
        this.em = em;
    }

    /**
     * Records a change of {@code consent}: its entry, sealed and chained to the consent's head, which it becomes.
     *
     * @param sequence orders the consent's history: the version the consent row has after this change (0 when it
     *                 is created)
     */
    void append(ConsentEntity consent, ConsentStatus from, ConsentStatus to, Instant at, Actor actor, Channel channel,
                Rejection rejection, long sequence, HistoryMac mac) {
        if (consent.getHeadKid() == null && sequence > 0) {
            // A consent from before sealing: seal its old entries first, so the new one chains to them.
            sealLate(consent, mac);
        }
        em.persist(sealed(consent, from, to, at, actor, channel, rejection, sequence, mac));
    }

    /**
     * The first entry of a consent not persisted yet, sealed, with the consent's head set to it: the caller
     * persists the consent and then this entry, so the row is written once, head included (persisting the entry
     * first would insert it before the row it refers to).
     */
    ConsentStatusChangeEntity first(ConsentEntity consent, ConsentStatus status, Instant at, Actor actor,
                                    Channel channel, HistoryMac mac) {
        return sealed(consent, null, status, at, actor, channel, null, 0, mac);
    }

    private static ConsentStatusChangeEntity sealed(ConsentEntity consent, ConsentStatus from, ConsentStatus to,
                                                    Instant at, Actor actor, Channel channel, Rejection rejection,
                                                    long sequence, HistoryMac mac) {
        ConsentStatusChangeEntity h = new ConsentStatusChangeEntity();
        h.setId(UUID.randomUUID().toString());
        h.setConsentId(consent.getId());
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
        ConsentChain.append(consent, h, mac);
        return h;
    }

    List<StatusChange> of(String consentId) {
        return entries(consentId).stream().map(ConsentMapper::toStatusChange).toList();
    }

    /** Seals the entries of a consent written before 0.4.0; the consent row must be locked. */
    void sealLate(ConsentEntity consent, HistoryMac mac) {
        ConsentChain.sealLate(consent, entries(consent.getId()), mac);
    }

    HistoryVerification verify(ConsentEntity consent, HistoryMac mac) {
        return ConsentChain.verify(consent, entries(consent.getId()), mac);
    }

    /** The entries of several consents in one query, each consent's oldest first. */
    Map<String, List<ConsentStatusChangeEntity>> entriesOf(List<String> consentIds) {
        if (consentIds.isEmpty()) {
            return Map.of();
        }
        return em.createNamedQuery("kcc.history.byConsents", ConsentStatusChangeEntity.class)
                .setParameter("consentIds", consentIds)
                .getResultList().stream()
                .collect(Collectors.groupingBy(ConsentStatusChangeEntity::getConsentId));
    }

    private List<ConsentStatusChangeEntity> entries(String consentId) {
        return em.createNamedQuery("kcc.history.byConsent", ConsentStatusChangeEntity.class)
                .setParameter("consentId", consentId)
                .getResultList();
    }
}
