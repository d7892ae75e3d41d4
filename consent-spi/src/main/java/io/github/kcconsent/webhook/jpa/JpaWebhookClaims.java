package io.github.kcconsent.webhook.jpa;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.kcconsent.webhook.ClaimedWebhookEvent;
import io.github.kcconsent.webhook.DueWebhookEvent;
import io.github.kcconsent.webhook.WebhookAttemptResult;
import io.github.kcconsent.webhook.WebhookKind;
import jakarta.persistence.EntityManager;

/**
 * The dispatcher's side of the JPA outbox: finding due events, claiming one per attempt, recording outcomes and
 * releasing claims. Claims and outcomes are bulk updates conditional on the row version or the claim, so racing
 * dispatchers (on any node) and the re-encryption task never overwrite each other.
 */
final class JpaWebhookClaims {

    /** The length of {@code LAST_ERROR}. */
    static final int MAX_ERROR_LENGTH = 300;

    private final EntityManager em;

    JpaWebhookClaims(EntityManager em) {
        this.em = em;
    }

    List<DueWebhookEvent> due(long now, Set<String> busyClients, int max) {
        Set<String> excluded = new HashSet<>(busyClients);
        excluded.add(""); // "not in ()" is not valid JPQL; no client id is empty
        return em.createNamedQuery("kcc.webhook.due", Object[].class)
                .setParameter("now", now)
                .setParameter("busy", excluded)
                .setMaxResults(max)
                .getResultStream()
                .map(row -> new DueWebhookEvent((String) row[0], ((Number) row[1]).longValue(), (String) row[2]))
                .toList();
    }

    boolean claim(DueWebhookEvent event, String claim, long claimUntil) {
        int won = em.createQuery("update KccWebhookEvent w set w.claimedBy = :claim, w.claimUntil = :until,"
                        + " w.version = w.version + 1 where w.id = :id and w.version = :version and w.state = 'PENDING'")
                .setParameter("claim", claim)
                .setParameter("until", claimUntil)
                .setParameter("id", event.eventId())
                .setParameter("version", event.version())
                .executeUpdate();
        return won == 1;
    }

    Optional<ClaimedWebhookEvent> claimed(String eventId, String claim) {
        WebhookEventEntity e = em.find(WebhookEventEntity.class, eventId);
        if (e == null || !claim.equals(e.getClaimedBy())) {
            return Optional.empty();
        }
        return Optional.of(new ClaimedWebhookEvent(e.getId(), e.getRealmId(), e.getClientId(), e.getConsentId(),
                WebhookKind.stored(e.getKind()), e.getType(), e.getPayloadEncrypted(), e.getKeyId(), e.getAttempts(),
                e.getCreatedAt(), e.getNextAttemptAt(), e.getLastAttemptAt(), e.getLastStatus()));
    }

    void recordAttempt(String eventId, String claim, WebhookAttemptResult result) {
        // A bulk update of the delivery columns only, conditional on the claim.
        em.createQuery("update KccWebhookEvent w set w.state = :state, w.attempts = :attempts,"
                        + " w.lastAttemptAt = :lastAttemptAt, w.lastStatus = :status, w.lastError = :error,"
                        + " w.nextAttemptAt = :next, w.deliveredAt = :deliveredAt, w.claimedBy = null, w.claimUntil = null,"
                        + " w.version = w.version + 1 where w.id = :id and w.claimedBy = :claim")
                .setParameter("state", result.state().name())
                .setParameter("attempts", result.attempts())
                .setParameter("lastAttemptAt", result.lastAttemptAt())
                .setParameter("status", result.lastStatus())
                .setParameter("error", truncate(result.lastError()))
                .setParameter("next", result.nextAttemptAt())
                .setParameter("deliveredAt", result.deliveredAt())
                .setParameter("id", eventId)
                .setParameter("claim", claim)
                .executeUpdate();
    }

    int releaseClaims(String claimPrefix) {
        return em.createQuery("update KccWebhookEvent w set w.claimedBy = null, w.claimUntil = null,"
                        + " w.version = w.version + 1 where w.claimedBy like :mine")
                .setParameter("mine", claimPrefix + "%")
                .executeUpdate();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH);
    }
}
