package io.github.kcconsent.webhook.jpa;

import static io.github.kcconsent.webhook.WebhookEventState.PENDING;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.FieldContext;
import io.github.kcconsent.store.ConsentCrypto;
import io.github.kcconsent.webhook.ClaimedWebhookEvent;
import io.github.kcconsent.webhook.DueWebhookEvent;
import io.github.kcconsent.webhook.WebhookAttemptResult;
import io.github.kcconsent.webhook.WebhookDelivery;
import io.github.kcconsent.webhook.WebhookEventType;
import io.github.kcconsent.webhook.WebhookOutbox;
import io.github.kcconsent.webhook.WebhookSettings;
import jakarta.persistence.EntityManager;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/** The outbox on Keycloak's database, in the caller's transaction. */
public class JpaWebhookOutbox implements WebhookOutbox {

    /** The length of {@code LAST_ERROR}. */
    static final int MAX_ERROR_LENGTH = 300;

    private final EntityManager em;
    private final ConsentCrypto crypto;
    private final Supplier<Instant> clock;

    public JpaWebhookOutbox(EntityManager em, ConsentCrypto crypto, Supplier<Instant> clock) {
        this.em = em;
        this.crypto = crypto;
        this.clock = clock;
    }

    static FieldContext payloadContext(String realmId, String consentId, String eventId) {
        return new FieldContext(realmId, consentId, "webhook:" + eventId);
    }

    @Override
    public void statusChanged(RealmModel realm, Consent consent, ConsentStatus from) {
        ClientModel client = realm.getClientById(consent.clientId());
        if (!WebhookSettings.of(client).enabled()) {
            return;
        }
        WebhookEventType type = WebhookEventType.of(from, consent.status(), consent.rejection());
        Instant now = clock.get();
        String id = UUID.randomUUID().toString();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", id);
        payload.put("type", type.wire());
        payload.put("occurredAt", now.toString());
        payload.put("consentId", consent.id());
        payload.put("clientId", client.getClientId());
        payload.put("consentType", consent.type().name());
        payload.put("status", consent.status().name());
        if (consent.rejection() != null) {
            payload.put("rejectedBy", consent.rejection().rejectedBy().name());
            payload.put("reason", consent.rejection().reason().name());
        }
        if (consent.status() == ConsentStatus.AUTHORISED) {
            payload.put("resourceIds", consent.resources().stream().map(r -> r.resourceId()).toList());
        }
        if (consent.sessionMetadata() != null) {
            payload.put("sessionMetadata", parse(consent.sessionMetadata()));
        }
        WebhookEventEntity e = new WebhookEventEntity();
        e.setId(id);
        e.setRealmId(realm.getId());
        e.setClientId(consent.clientId());
        e.setConsentId(consent.id());
        e.setType(type.wire());
        FieldCipher cipher = crypto.cipher(realm);
        String encrypted = cipher.encrypt(payloadContext(realm.getId(), consent.id(), id), json(payload));
        e.setPayloadEncrypted(encrypted);
        e.setKeyId(cipher.keyIdOf(encrypted));
        e.setState(PENDING.name());
        e.setAttempts(0);
        e.setCreatedAt(now.toEpochMilli());
        e.setNextAttemptAt(now.toEpochMilli());
        em.persist(e);
    }

    @Override
    public List<WebhookDelivery> deliveries(RealmModel realm, String consentId) {
        return em.createNamedQuery("kcc.webhook.byConsent", WebhookEventEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("consentId", consentId)
                .getResultStream()
                .map(e -> new WebhookDelivery(e.getId(), e.getType(), e.getState(), e.getAttempts(),
                        Instant.ofEpochMilli(e.getCreatedAt()),
                        PENDING.name().equals(e.getState()) ? Instant.ofEpochMilli(e.getNextAttemptAt()) : null,
                        e.getLastAttemptAt() == null ? null : Instant.ofEpochMilli(e.getLastAttemptAt()),
                        e.getLastStatus(), e.getLastError(),
                        e.getDeliveredAt() == null ? null : Instant.ofEpochMilli(e.getDeliveredAt())))
                .toList();
    }

    @Override
    public boolean redeliver(RealmModel realm, String consentId, String eventId) {
        WebhookEventEntity e = em.find(WebhookEventEntity.class, eventId);
        if (e == null || !e.getRealmId().equals(realm.getId()) || !e.getConsentId().equals(consentId)) {
            return false;
        }
        e.setState(PENDING.name());
        e.setNextAttemptAt(clock.get().toEpochMilli());
        e.setClaimedBy(null);
        e.setClaimUntil(null);
        // Same event id as before, so the partner can de-duplicate. Retries stay within the original window:
        // past it, a redelivery is one more attempt.
        em.flush();
        return true;
    }

    @Override
    public List<DueWebhookEvent> due(long now, Set<String> busyClients, int max) {
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

    @Override
    public boolean claim(DueWebhookEvent event, String claim, long claimUntil) {
        int won = em.createQuery("update KccWebhookEvent w set w.claimedBy = :claim, w.claimUntil = :until,"
                        + " w.version = w.version + 1 where w.id = :id and w.version = :version and w.state = 'PENDING'")
                .setParameter("claim", claim)
                .setParameter("until", claimUntil)
                .setParameter("id", event.eventId())
                .setParameter("version", event.version())
                .executeUpdate();
        return won == 1;
    }

    @Override
    public Optional<ClaimedWebhookEvent> claimed(String eventId, String claim) {
        WebhookEventEntity e = em.find(WebhookEventEntity.class, eventId);
        if (e == null || !claim.equals(e.getClaimedBy())) {
            return Optional.empty();
        }
        return Optional.of(new ClaimedWebhookEvent(e.getId(), e.getRealmId(), e.getClientId(), e.getConsentId(),
                e.getType(), e.getPayloadEncrypted(), e.getKeyId(), e.getAttempts(), e.getCreatedAt(),
                e.getNextAttemptAt(), e.getLastAttemptAt(), e.getLastStatus()));
    }

    @Override
    public String payload(RealmModel realm, ClaimedWebhookEvent event) {
        return crypto.cipher(realm).decrypt(payloadContext(realm.getId(), event.consentId(), event.eventId()),
                event.payloadEncrypted());
    }

    @Override
    public void recordAttempt(String eventId, String claim, WebhookAttemptResult result) {
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

    @Override
    public int releaseClaims(String claimPrefix) {
        return em.createQuery("update KccWebhookEvent w set w.claimedBy = null, w.claimUntil = null,"
                        + " w.version = w.version + 1 where w.claimedBy like :mine")
                .setParameter("mine", claimPrefix + "%")
                .executeUpdate();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH);
    }

    private static Object parse(String json) {
        try {
            return JsonSerialization.readValue(json, Object.class);
        } catch (IOException e) {
            return json;
        }
    }

    private static String json(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a webhook payload", e);
        }
    }

    @Override
    public void close() {
    }
}
