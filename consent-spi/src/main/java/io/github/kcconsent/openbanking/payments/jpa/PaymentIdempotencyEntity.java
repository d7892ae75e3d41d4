package io.github.kcconsent.openbanking.payments.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One idempotency key of a partner. The key itself is stored as its SHA-256 (a partner may put anything up
 * to 40 characters in it); {@code (REALM_ID, CLIENT_ID, KEY_HASH)} is unique, which is what makes two
 * concurrent requests with one key create one consent.
 */
@Entity
@Table(name = "KCC_PAYMENT_IDEMPOTENCY")
@NamedQueries({
        @NamedQuery(name = "kcc.paymentIdempotency.find",
                query = "select e from PaymentIdempotencyEntity e where e.realmId = :realmId and e.clientId = :clientId"
                        + " and e.keyHash = :keyHash"),
        @NamedQuery(name = "kcc.paymentIdempotency.expiredIds",
                query = "select e.id from PaymentIdempotencyEntity e where e.realmId = :realmId and e.createdAt < :before"
                        + " order by e.createdAt"),
        @NamedQuery(name = "kcc.paymentIdempotency.deleteIds",
                query = "delete from PaymentIdempotencyEntity e where e.id in :ids"),
        @NamedQuery(name = "kcc.paymentIdempotency.deleteByRealm",
                query = "delete from PaymentIdempotencyEntity e where e.realmId = :realmId"),
        @NamedQuery(name = "kcc.paymentIdempotency.deleteByClient",
                query = "delete from PaymentIdempotencyEntity e where e.realmId = :realmId and e.clientId = :clientId"),
})
public class PaymentIdempotencyEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Keycloak's internal client id of the partner. */
    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "KEY_HASH", length = 64, nullable = false)
    private String keyHash;

    @Column(name = "DATA_HASH", length = 64, nullable = false)
    private String dataHash;

    @Column(name = "CONSENT_ID", length = 256, nullable = false)
    private String consentId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    public String getId() { return id; }
    public void setId(String value) { this.id = value; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String value) { this.realmId = value; }
    public String getClientId() { return clientId; }
    public void setClientId(String value) { this.clientId = value; }
    public String getKeyHash() { return keyHash; }
    public void setKeyHash(String value) { this.keyHash = value; }
    public String getDataHash() { return dataHash; }
    public void setDataHash(String value) { this.dataHash = value; }
    public String getConsentId() { return consentId; }
    public void setConsentId(String value) { this.consentId = value; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long value) { this.createdAt = value; }
}
