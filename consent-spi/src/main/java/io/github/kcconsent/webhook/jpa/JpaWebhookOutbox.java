package io.github.kcconsent.webhook.jpa;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentEvent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.crypto.FieldCipher;
import io.github.kcconsent.crypto.FieldContext;
import io.github.kcconsent.crypto.FieldDecryptionException;
import io.github.kcconsent.crypto.MissingFieldKeyException;
import io.github.kcconsent.store.ConsentCrypto;
import io.github.kcconsent.webhook.ClaimedWebhookEvent;
import io.github.kcconsent.webhook.DueWebhookEvent;
import io.github.kcconsent.webhook.WebhookAttemptResult;
import io.github.kcconsent.webhook.OpenFinancePaymentNotification;
import io.github.kcconsent.webhook.WebhookDelivery;
import io.github.kcconsent.webhook.WebhookEventType;
import io.github.kcconsent.webhook.WebhookKind;
import io.github.kcconsent.webhook.WebhookBacklog;
import io.github.kcconsent.webhook.ReceiptSource;
import io.github.kcconsent.webhook.WebhookOutbox;
import io.github.kcconsent.webhook.WebhookSettings;
import jakarta.persistence.EntityManager;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

import static io.github.kcconsent.webhook.WebhookEventState.PENDING;

/**
 * The outbox on Keycloak's database, in the caller's transaction: writes, lists and redelivers events here,
 * and leaves the dispatcher's claim queries to {@link JpaWebhookClaims}.
 */
public class JpaWebhookOutbox implements WebhookOutbox {

    private final EntityManager em;
    private final ConsentCrypto crypto;
    private final Supplier<Instant> clock;
    private final JpaWebhookClaims claims;
    private final ReceiptSource receipts;

    public JpaWebhookOutbox(EntityManager em, ConsentCrypto crypto, Supplier<Instant> clock, ReceiptSource receipts) {
        this.em = em;
        this.crypto = crypto;
        this.clock = clock;
        this.claims = new JpaWebhookClaims(em);
        this.receipts = receipts;
    }

    /** The one member of a signed event that is personal data (the partner's own session metadata). */
    private static final String PERSONAL_PAYLOAD_FIELD = "sessionMetadata";

    static FieldContext payloadContext(String realmId, String consentId, String eventId) {
        return new FieldContext(realmId, consentId, "webhook:" + eventId);
    }

    /**
     * Writes the signed event when the client has it switched on (every consent, as before), and for an Open
     * Finance payment consent also the Open Finance notification when the client has that switched on.
     */
    @Override
    public void statusChanged(RealmModel realm, Consent consent, ConsentStatus from) {
        ClientModel client = realm.getClientById(consent.clientId());
        WebhookSettings settings = WebhookSettings.of(client);
        ConsentEvent event = ConsentEvent.of(from, consent.status(), consent.rejection());
        WebhookEventType type = WebhookEventType.of(event);
        if (settings.sends(WebhookKind.SIGNED_EVENT)) {
            String receipt = receipts.receiptFor(realm, consent, event);
            write(realm, consent, WebhookKind.SIGNED_EVENT, type,
                    (id, now) -> signedEventPayload(id, now, type, client, consent, receipt));
        }
        paymentNotification(realm, consent, settings, type);
    }

    /** A creation is told to the Open Finance notifications only: the signed events start at the decision. */
    @Override
    public void created(RealmModel realm, Consent consent) {
        WebhookSettings settings = WebhookSettings.of(realm.getClientById(consent.clientId()));
        paymentNotification(realm, consent, settings, WebhookEventType.of(null, consent.status(), null));
    }

    private void paymentNotification(RealmModel realm, Consent consent, WebhookSettings settings, WebhookEventType type) {
        if (settings.sends(WebhookKind.OPEN_FINANCE_PAYMENT_CONSENT) && OpenFinancePaymentNotification.appliesTo(consent)) {
            String body = OpenFinancePaymentNotification.body(OpenFinancePaymentNotification.changedAt(consent));
            write(realm, consent, WebhookKind.OPEN_FINANCE_PAYMENT_CONSENT, type, (id, now) -> body);
        }
    }

    private static String signedEventPayload(String id, Instant now, WebhookEventType type, ClientModel client,
                                             Consent consent, String receipt) {
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
            payload.put(PERSONAL_PAYLOAD_FIELD, parse(consent.sessionMetadata()));
        }
        if (receipt != null) {
            payload.put("receipt", receipt);
        }
        return json(payload);
    }

    /** The plaintext payload of a new event, given its id and creation time. */
    @FunctionalInterface
    private interface Payload {
        String of(String eventId, Instant now);
    }

    /** One pending event row, its payload encrypted under the realm's active key. */
    private void write(RealmModel realm, Consent consent, WebhookKind kind, WebhookEventType type, Payload payload) {
        Instant now = clock.get();
        String id = UUID.randomUUID().toString();
        WebhookEventEntity e = new WebhookEventEntity();
        e.setId(id);
        e.setRealmId(realm.getId());
        e.setClientId(consent.clientId());
        e.setConsentId(consent.id());
        e.setKind(kind.name());
        e.setType(type.wire());
        FieldCipher cipher = crypto.cipher(realm);
        String encrypted = cipher.encrypt(payloadContext(realm.getId(), consent.id(), id), payload.of(id, now));
        e.setPayloadEncrypted(encrypted);
        e.setKeyId(cipher.keyIdOf(encrypted));
        e.setState(PENDING.name());
        e.setAttempts(0);
        e.setCreatedAt(now.toEpochMilli());
        e.setNextAttemptAt(now.toEpochMilli());
        em.persist(e);
    }

    /** The events of consents deleted with their realm, client or user go with them. */
    @Override
    public void consentsRemoved(RealmModel realm, List<String> consentIds) {
        em.createNamedQuery("kcc.webhook.deleteByConsents").setParameter("consentIds", consentIds).executeUpdate();
    }

    /**
     * Rewrites the signed events of erased consents without their personal data (the consent link's session
     * metadata), delivered or not: an event still to be sent goes out without it. One whose payload no longer
     * decrypts (its key was disabled) is deleted instead. The Open Finance notifications carry no personal data.
     *
     * <p>Bulk statements on the payload columns only, as the re-encryption task writes them: a dispatcher may be
     * recording an attempt on the same row meanwhile (its own bulk update of the delivery columns), and a full-row
     * entity update would then fail its version check and the whole erasure with it.
     */
    @Override
    public void consentsErased(RealmModel realm, List<String> consentIds) {
        FieldCipher cipher = crypto.cipher(realm);
        for (WebhookEventEntity e : em.createNamedQuery("kcc.webhook.byConsents", WebhookEventEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("consentIds", consentIds).getResultList()) {
            em.detach(e); // only read here: nothing of the stale instance may be flushed back
            if (WebhookKind.stored(e.getKind()) != WebhookKind.SIGNED_EVENT) {
                continue;
            }
            FieldContext context = payloadContext(realm.getId(), e.getConsentId(), e.getId());
            Object payload;
            try {
                payload = parse(cipher.decrypt(context, e.getPayloadEncrypted()));
            } catch (MissingFieldKeyException | FieldDecryptionException unreadable) {
                // It cannot be scrubbed, and nothing can send it either while its key is gone: it goes.
                em.createQuery("delete from KccWebhookEvent w where w.id = :id").setParameter("id", e.getId()).executeUpdate();
                continue;
            }
            if (payload instanceof Map<?, ?> map && map.containsKey(PERSONAL_PAYLOAD_FIELD)) {
                Map<Object, Object> scrubbed = new LinkedHashMap<>(map);
                scrubbed.remove(PERSONAL_PAYLOAD_FIELD);
                String encrypted = cipher.encrypt(context, json(scrubbed));
                em.createQuery("update KccWebhookEvent w set w.payloadEncrypted = :payload, w.keyId = :keyId where w.id = :id")
                        .setParameter("payload", encrypted)
                        .setParameter("keyId", cipher.keyIdOf(encrypted))
                        .setParameter("id", e.getId())
                        .executeUpdate();
            }
        }
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
        return claims.due(now, busyClients, max);
    }

    @Override
    public boolean claim(DueWebhookEvent event, String claim, long claimUntil) {
        return claims.claim(event, claim, claimUntil);
    }

    @Override
    public Optional<ClaimedWebhookEvent> claimed(String eventId, String claim) {
        return claims.claimed(eventId, claim);
    }

    @Override
    public String payload(RealmModel realm, ClaimedWebhookEvent event) {
        return crypto.cipher(realm).decrypt(payloadContext(realm.getId(), event.consentId(), event.eventId()),
                event.payloadEncrypted());
    }

    @Override
    public void recordAttempt(String eventId, String claim, WebhookAttemptResult result) {
        claims.recordAttempt(eventId, claim, result);
    }

    @Override
    public int releaseClaims(String claimPrefix) {
        return claims.releaseClaims(claimPrefix);
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
    public WebhookBacklog backlog() {
        Object[] row = em.createNamedQuery("kcc.webhook.backlog", Object[].class).getSingleResult();
        long pending = row[0] == null ? 0 : ((Number) row[0]).longValue();
        Long oldest = row[1] == null ? null : ((Number) row[1]).longValue();
        return new WebhookBacklog(pending, oldest);
    }

    @Override
    public void close() {
    }
}
