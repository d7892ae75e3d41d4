package io.github.kcconsent.receipt.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One issued receipt. The JWT is stored as issued (it holds no personal data, see {@code ReceiptClaims}), so a
 * receipt fetched later is byte for byte the one the partner got. One receipt per consent version: every event
 * writes the consent row, so the version names the event.
 */
@Entity(name = "KccConsentReceipt")
@Table(name = "KCC_CONSENT_RECEIPT",
        uniqueConstraints = @UniqueConstraint(name = "UK_KCC_RECEIPT_VERSION", columnNames = {"CONSENT_ID", "CONSENT_VERSION"}),
        indexes = @Index(name = "IDX_KCC_RECEIPT_REALM", columnList = "REALM_ID"))
@NamedQueries({
        @NamedQuery(name = "kcc.receipt.byConsent",
                query = "select r from KccConsentReceipt r where r.realmId = :realmId and r.consentId = :consentId order by r.consentVersion"),
        @NamedQuery(name = "kcc.receipt.byVersion",
                query = "select r from KccConsentReceipt r where r.consentId = :consentId and r.consentVersion = :version"),
        @NamedQuery(name = "kcc.receipt.deleteByConsents",
                query = "delete from KccConsentReceipt r where r.realmId = :realmId and r.consentId in :consentIds"),
})
public class ConsentReceiptEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CONSENT_ID", length = 256, nullable = false)
    private String consentId;

    @Column(name = "CONSENT_VERSION", nullable = false)
    private long consentVersion;

    @Column(name = "EVENT", length = 30, nullable = false)
    private String event;

    @Column(name = "ISSUED_AT", nullable = false)
    private long issuedAt;

    @Column(name = "HISTORY_SEAL", length = 64)
    private String historySeal;

    @Column(name = "RECEIPT_JWT", length = 16000, nullable = false)
    private String token;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getConsentId() { return consentId; }
    public void setConsentId(String consentId) { this.consentId = consentId; }
    public long getConsentVersion() { return consentVersion; }
    public void setConsentVersion(long consentVersion) { this.consentVersion = consentVersion; }
    public String getEvent() { return event; }
    public void setEvent(String event) { this.event = event; }
    public long getIssuedAt() { return issuedAt; }
    public void setIssuedAt(long issuedAt) { this.issuedAt = issuedAt; }
    public String getHistorySeal() { return historySeal; }
    public void setHistorySeal(String historySeal) { this.historySeal = historySeal; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
}
