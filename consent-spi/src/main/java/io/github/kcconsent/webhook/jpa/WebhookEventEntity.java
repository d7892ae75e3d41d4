package io.github.kcconsent.webhook.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The transactional outbox: one row per webhook event, written in the same transaction as the consent's
 * status change. The payload holds session metadata, so it is stored encrypted like every personal field (the
 * Open Finance notifications' payloads too, so every payload is handled, and re-encrypted, alike).
 * {@code CLAIMED_BY}/{@code CLAIM_UNTIL} and the version column let exactly one dispatcher (on any node)
 * own an attempt. {@code ENC_KEY_ID} names the field key the payload is encrypted under, so the re-encryption
 * task finds rows under older keys with a query.
 */
@Entity(name = "KccWebhookEvent")
@Table(name = "KCC_WEBHOOK_OUTBOX")
@NamedQueries({
        @NamedQuery(name = "kcc.webhook.due",
                query = "select w.id, w.version, w.clientId from KccWebhookEvent w where w.state = 'PENDING'"
                        + " and w.nextAttemptAt <= :now and (w.claimUntil is null or w.claimUntil < :now)"
                        + " and w.clientId not in :busy order by w.nextAttemptAt"), // busy: partners at their in-flight limit
        @NamedQuery(name = "kcc.webhook.notUnderKey",
                query = "select w from KccWebhookEvent w where w.realmId = :realmId and w.id > :after"
                        + " and (w.keyId is null or w.keyId <> :keyId) order by w.id"),
        @NamedQuery(name = "kcc.webhook.byConsent",
                query = "select w from KccWebhookEvent w where w.realmId = :realmId and w.consentId = :consentId order by w.createdAt"),
        @NamedQuery(name = "kcc.webhook.backlog",
                query = "select count(w), min(w.createdAt) from KccWebhookEvent w where w.state = 'PENDING'"),
        @NamedQuery(name = "kcc.webhook.byConsents",
                query = "select w from KccWebhookEvent w where w.realmId = :realmId and w.consentId in :consentIds"),
        @NamedQuery(name = "kcc.webhook.deleteByConsents",
                query = "delete from KccWebhookEvent w where w.consentId in :consentIds"),
})
public class WebhookEventEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Version
    @Column(name = "VERSION", nullable = false)
    private long version;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "CONSENT_ID", length = 256, nullable = false)
    private String consentId;

    @Column(name = "EVENT_TYPE", length = 40, nullable = false)
    private String type;

    /** {@code WebhookKind}: what the event is on the wire and where it goes; null (rows before 0.3.0) is a signed event. */
    @Column(name = "KIND", length = 40)
    private String kind;

    @Column(name = "PAYLOAD_ENC", length = 16000, nullable = false)
    private String payloadEncrypted;

    @Column(name = "ENC_KEY_ID", length = 100)
    private String keyId;

    @Column(name = "STATE", length = 20, nullable = false)
    private String state;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "CLAIMED_BY", length = 100)
    private String claimedBy;

    @Column(name = "CLAIM_UNTIL")
    private Long claimUntil;

    @Column(name = "LAST_ATTEMPT_AT")
    private Long lastAttemptAt;

    @Column(name = "LAST_STATUS")
    private Integer lastStatus;

    @Column(name = "LAST_ERROR", length = 300)
    private String lastError;

    @Column(name = "DELIVERED_AT")
    private Long deliveredAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public long getVersion() { return version; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getConsentId() { return consentId; }
    public void setConsentId(String consentId) { this.consentId = consentId; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getPayloadEncrypted() { return payloadEncrypted; }
    public void setPayloadEncrypted(String payloadEncrypted) { this.payloadEncrypted = payloadEncrypted; }
    public String getKeyId() { return keyId; }
    public void setKeyId(String keyId) { this.keyId = keyId; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(long nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public String getClaimedBy() { return claimedBy; }
    public void setClaimedBy(String claimedBy) { this.claimedBy = claimedBy; }
    public Long getClaimUntil() { return claimUntil; }
    public void setClaimUntil(Long claimUntil) { this.claimUntil = claimUntil; }
    public Long getLastAttemptAt() { return lastAttemptAt; }
    public void setLastAttemptAt(Long lastAttemptAt) { this.lastAttemptAt = lastAttemptAt; }
    public Integer getLastStatus() { return lastStatus; }
    public void setLastStatus(Integer lastStatus) { this.lastStatus = lastStatus; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
    public Long getDeliveredAt() { return deliveredAt; }
    public void setDeliveredAt(Long deliveredAt) { this.deliveredAt = deliveredAt; }
}
