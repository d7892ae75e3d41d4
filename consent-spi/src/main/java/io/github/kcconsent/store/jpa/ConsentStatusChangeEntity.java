package io.github.kcconsent.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Append-only status history, each entry sealed and chained to the one before (see {@code ConsentChain}). Holds the consent id as a plain column (no JPA relation) so history can only be
 * inserted and read, never cascaded into or rewritten through the consent.
 */
@Entity(name = "KccConsentStatusChange")
// The changelog's index, repeated for generated schemas (see ConsentEntity).
@Table(name = "KCC_CONSENT_STATUS_HISTORY",
        indexes = @Index(name = "IDX_KCC_CONSENT_HISTORY_CONS", columnList = "CONSENT_ID, SEQ"))
@NamedQueries({
        @NamedQuery(name = "kcc.history.byConsent",
                query = "select h from KccConsentStatusChange h where h.consentId = :consentId order by h.sequence"),
        @NamedQuery(name = "kcc.history.byConsents",
                query = "select h from KccConsentStatusChange h where h.consentId in :consentIds order by h.consentId, h.sequence"),
        @NamedQuery(name = "kcc.history.deleteByConsents",
                query = "delete from KccConsentStatusChange h where h.consentId in :consentIds"),
})
public class ConsentStatusChangeEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "CONSENT_ID", length = 256, nullable = false)
    private String consentId;

    /** Order within the consent: the version of the consent row the change produced. */
    @Column(name = "SEQ", nullable = false)
    private long sequence;

    @Column(name = "FROM_STATUS", length = 30)
    private String fromStatus;

    @Column(name = "TO_STATUS", length = 30, nullable = false)
    private String toStatus;

    @Column(name = "CHANGED_AT", nullable = false)
    private long changedAt;

    @Column(name = "ACTOR", length = 300, nullable = false)
    private String actor;

    @Column(name = "CHANNEL", length = 30, nullable = false)
    private String channel;

    @Column(name = "REASON", length = 60)
    private String reason;

    @Column(name = "ADDITIONAL_INFO", length = 140)
    private String additionalInformation;

    /** The seal of this entry (content and {@link #previousMac}), see {@code ConsentChain}; null before 0.4.0. */
    @Column(name = "ENTRY_MAC", length = 64)
    private String entryMac;

    /** The seal of the consent's previous entry; null for its first. */
    @Column(name = "PREV_MAC", length = 64)
    private String previousMac;

    /** Kid of the blind-index key the seal's key was derived from. */
    @Column(name = "MAC_KID", length = 100)
    private String macKid;

    /** Written before 0.4.0 and sealed afterwards by the migration, not when it happened. */
    @Column(name = "SEALED_LATE")
    private Boolean sealedLate;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getConsentId() { return consentId; }
    public void setConsentId(String consentId) { this.consentId = consentId; }
    public long getSequence() { return sequence; }
    public void setSequence(long sequence) { this.sequence = sequence; }
    public String getFromStatus() { return fromStatus; }
    public void setFromStatus(String fromStatus) { this.fromStatus = fromStatus; }
    public String getToStatus() { return toStatus; }
    public void setToStatus(String toStatus) { this.toStatus = toStatus; }
    public long getChangedAt() { return changedAt; }
    public void setChangedAt(long changedAt) { this.changedAt = changedAt; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getAdditionalInformation() { return additionalInformation; }
    public void setAdditionalInformation(String additionalInformation) { this.additionalInformation = additionalInformation; }
    public String getEntryMac() { return entryMac; }
    public void setEntryMac(String entryMac) { this.entryMac = entryMac; }
    public String getPreviousMac() { return previousMac; }
    public void setPreviousMac(String previousMac) { this.previousMac = previousMac; }
    public String getMacKid() { return macKid; }
    public void setMacKid(String macKid) { this.macKid = macKid; }
    public boolean isSealedLate() { return Boolean.TRUE.equals(sealedLate); }
    public void setSealedLate(boolean sealedLate) { this.sealedLate = sealedLate; }
}
