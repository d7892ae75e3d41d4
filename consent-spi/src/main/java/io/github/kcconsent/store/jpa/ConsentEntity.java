package io.github.kcconsent.store.jpa;

import java.util.ArrayList;
import java.util.List;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One consent. Personal data columns ({@code *_ENC}) hold only AES-GCM ciphertexts bound to realm, consent
 * and field; {@code *_BIDX} hold keyed HMAC blind indexes for equality search. Timestamps are epoch millis.
 *
 * <p>The schema is the Liquibase changelog's; the {@code indexes} below repeat its secondary indexes (same names
 * and columns) so that a schema generated from this mapping (the store benchmark, tests) has them too. Without
 * them such a schema loaded every consent's accounts with a full scan of {@code KCC_CONSENT_RESOURCE}, a cost
 * no deployed realm has and one that grew with the stored (encrypted) row size.
 */
@Entity(name = "KccConsent")
@Table(name = "KCC_CONSENT", indexes = {
        @Index(name = "IDX_KCC_CONSENT_CLIENT", columnList = "REALM_ID, CLIENT_ID, CREATED_AT"),
        @Index(name = "IDX_KCC_CONSENT_USER", columnList = "REALM_ID, USER_ID, CREATED_AT"),
        @Index(name = "IDX_KCC_CONSENT_STATUS_EXP", columnList = "REALM_ID, STATUS, EXPIRES_AT"),
        @Index(name = "IDX_KCC_CONSENT_STATUS_DEADL", columnList = "REALM_ID, STATUS, AUTH_DEADLINE"),
        @Index(name = "IDX_KCC_CONSENT_CPF", columnList = "REALM_ID, CPF_BIDX"),
        @Index(name = "IDX_KCC_CONSENT_CNPJ", columnList = "REALM_ID, CNPJ_BIDX"),
        @Index(name = "IDX_KCC_CONSENT_ENC_KEY", columnList = "REALM_ID, ENC_KEY_ID"),
        @Index(name = "IDX_KCC_CONSENT_CLI_STATUS", columnList = "REALM_ID, CLIENT_ID, STATUS, CREATED_AT"),
        @Index(name = "IDX_KCC_CONSENT_HEAD_KID", columnList = "REALM_ID, HEAD_KID"),
        @Index(name = "IDX_KCC_CONSENT_DATA_KEY", columnList = "DATA_KEY_ID"),
})
@NamedQueries({
        @NamedQuery(name = "kcc.consent.byRealmClientUser",
                query = "select c from KccConsent c where c.realmId = :realmId and c.clientId = :clientId and c.userId = :userId order by c.createdAt desc"),
        // Only the consents that can still be active: the flow screens ask this on every page, and a customer's
        // ended consents (with their encrypted fields and resources) would otherwise all be loaded and decrypted.
        @NamedQuery(name = "kcc.consent.authorisedByRealmClientUser",
                query = "select c from KccConsent c where c.realmId = :realmId and c.clientId = :clientId and c.userId = :userId and c.status = 'AUTHORISED' order by c.createdAt desc"),
        @NamedQuery(name = "kcc.consent.byRealmUser",
                query = "select c from KccConsent c where c.realmId = :realmId and c.userId = :userId order by c.createdAt desc"),
        @NamedQuery(name = "kcc.consent.byCpfIndex",
                query = "select c from KccConsent c where c.realmId = :realmId and c.cpfIndex in :indexes order by c.createdAt desc"),
        @NamedQuery(name = "kcc.consent.byCnpjIndex",
                query = "select c from KccConsent c where c.realmId = :realmId and c.cnpjIndex in :indexes order by c.createdAt desc"),
        @NamedQuery(name = "kcc.consent.awaitingOverdue",
                query = "select c from KccConsent c where c.realmId = :realmId and c.status = 'AWAITING_AUTHORISATION' and c.authorisationDeadline <= :now order by c.authorisationDeadline"),
        @NamedQuery(name = "kcc.consent.authorisedOverdue",
                query = "select c from KccConsent c where c.realmId = :realmId and c.status = 'AUTHORISED' and c.expiresAt <= :now order by c.expiresAt"),
        @NamedQuery(name = "kcc.consent.realmsWithOverdue",
                query = "select distinct c.realmId from KccConsent c where (c.status = 'AWAITING_AUTHORISATION' and c.authorisationDeadline <= :now) or (c.status = 'AUTHORISED' and c.expiresAt <= :now)"),
        @NamedQuery(name = "kcc.consent.overdueIdsAfter",
                query = "select c.id from KccConsent c where c.realmId = :realmId and c.id > :after and ((c.status = 'AWAITING_AUTHORISATION' and c.authorisationDeadline <= :now) or (c.status = 'AUTHORISED' and c.expiresAt <= :now)) order by c.id"),
        @NamedQuery(name = "kcc.consent.notUnderKey",
                query = "select c from KccConsent c where c.realmId = :realmId and c.encryptionKeyId <> :keyId and c.id > :after order by c.id"),
        @NamedQuery(name = "kcc.consent.unsealedIds",
                query = "select c.id from KccConsent c where c.realmId = :realmId and c.headKid is null order by c.id"),
        @NamedQuery(name = "kcc.consent.pageAfter",
                query = "select c from KccConsent c where c.realmId = :realmId and c.id > :after order by c.id"),
        @NamedQuery(name = "kcc.consent.dataKeysOf",
                query = "select distinct c.dataKeyId from KccConsent c where c.id in :ids and c.dataKeyId is not null"),
        @NamedQuery(name = "kcc.consent.idsByRealm",
                query = "select c.id from KccConsent c where c.realmId = :realmId"),
        @NamedQuery(name = "kcc.consent.idsByClient",
                query = "select c.id from KccConsent c where c.realmId = :realmId and c.clientId = :clientId"),
        @NamedQuery(name = "kcc.consent.idsByUser",
                query = "select c.id from KccConsent c where c.realmId = :realmId and c.userId = :userId"),
})
public class ConsentEntity {

    @Id
    @Column(name = "ID", length = 256)
    private String id;

    @Version
    @Column(name = "VERSION", nullable = false)
    private long version;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "CONSENT_TYPE", length = 20, nullable = false)
    private String type;

    @Column(name = "ORIGIN", length = 30, nullable = false)
    private String origin;

    @Column(name = "STATUS", length = 30, nullable = false)
    private String status;

    /** JSON array of permission codes or scope names: not personal data. */
    @Column(name = "PERMISSIONS", length = 4000, nullable = false)
    private String permissions;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "STATUS_UPDATED_AT", nullable = false)
    private long statusUpdatedAt;

    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    @Column(name = "AUTH_DEADLINE")
    private Long authorisationDeadline;

    @Column(name = "REJECTED_BY", length = 10)
    private String rejectedBy;

    @Column(name = "REJECTION_REASON", length = 60)
    private String rejectionReason;

    @Column(name = "REJECTION_INFO", length = 140)
    private String rejectionInfo;

    /**
     * Key id every *_ENC column of this row was written with, or, under a data key, the kid of the realm key that
     * wraps the data key; lets re-encryption find stale rows.
     */
    @Column(name = "ENC_KEY_ID", length = 100)
    private String encryptionKeyId;

    @Column(name = "CPF_ENC", length = 1000)
    private String cpfEncrypted;

    @Column(name = "CPF_BIDX", length = 150)
    private String cpfIndex;

    @Column(name = "CNPJ_ENC", length = 1000)
    private String cnpjEncrypted;

    @Column(name = "CNPJ_BIDX", length = 150)
    private String cnpjIndex;

    @Column(name = "SESSION_METADATA_ENC", length = 12000)
    private String sessionMetadataEncrypted;

    @Column(name = "PAYMENT_ENC", length = 12000)
    private String paymentDetailsEncrypted;

    /**
     * The seal of the newest history entry: what the next entry chains to, read here instead of from the history
     * table, and what verification compares the newest entry with (a deleted newest entry shows). Null on rows
     * written before 0.4.0 until their history is sealed.
     */
    @Column(name = "HISTORY_HEAD", length = 64)
    private String historyHead;

    /**
     * Kid of the key {@link #historyHead} was sealed with. Indexed (it changes only with a key rotation, unlike the
     * head) so the maintenance task finds consents whose history is not sealed yet without scanning the realm.
     */
    @Column(name = "HEAD_KID", length = 100)
    private String headKid;

    /** The customer's data key the *_ENC columns are encrypted under; null for rows under the realm key. */
    @Column(name = "DATA_KEY_ID", length = 36)
    private String dataKeyId;

    /**
     * A copy of that data key as wrapped under the realm key, so reading a consent needs no second query; kept in
     * step with the data key's row by re-encryption and erased with the consent's personal data.
     */
    @Column(name = "DATA_KEY_WRAPPED", length = 1000)
    private String dataKeyWrapped;

    /** When the customer's personal data was erased (the row and its history stay); null otherwise. */
    @Column(name = "ERASED_AT")
    private Long erasedAt;

    @OneToMany(mappedBy = "consent", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<ConsentResourceEntity> resources = new ArrayList<>();

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public long getVersion() { return version; }
    public String getHistoryHead() { return historyHead; }
    public void setHistoryHead(String historyHead) { this.historyHead = historyHead; }
    public String getHeadKid() { return headKid; }
    public String getDataKeyId() { return dataKeyId; }
    public void setDataKeyId(String dataKeyId) { this.dataKeyId = dataKeyId; }
    public String getDataKeyWrapped() { return dataKeyWrapped; }
    public void setDataKeyWrapped(String dataKeyWrapped) { this.dataKeyWrapped = dataKeyWrapped; }
    public Long getErasedAt() { return erasedAt; }
    public void setErasedAt(Long erasedAt) { this.erasedAt = erasedAt; }
    public void setHeadKid(String headKid) { this.headKid = headKid; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getOrigin() { return origin; }
    public void setOrigin(String origin) { this.origin = origin; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getPermissions() { return permissions; }
    public void setPermissions(String permissions) { this.permissions = permissions; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getStatusUpdatedAt() { return statusUpdatedAt; }
    public void setStatusUpdatedAt(long statusUpdatedAt) { this.statusUpdatedAt = statusUpdatedAt; }
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
    public Long getAuthorisationDeadline() { return authorisationDeadline; }
    public void setAuthorisationDeadline(Long authorisationDeadline) { this.authorisationDeadline = authorisationDeadline; }
    public String getRejectedBy() { return rejectedBy; }
    public void setRejectedBy(String rejectedBy) { this.rejectedBy = rejectedBy; }
    public String getRejectionReason() { return rejectionReason; }
    public void setRejectionReason(String rejectionReason) { this.rejectionReason = rejectionReason; }
    public String getRejectionInfo() { return rejectionInfo; }
    public void setRejectionInfo(String rejectionInfo) { this.rejectionInfo = rejectionInfo; }
    public String getEncryptionKeyId() { return encryptionKeyId; }
    public void setEncryptionKeyId(String encryptionKeyId) { this.encryptionKeyId = encryptionKeyId; }
    public String getCpfEncrypted() { return cpfEncrypted; }
    public void setCpfEncrypted(String cpfEncrypted) { this.cpfEncrypted = cpfEncrypted; }
    public String getCpfIndex() { return cpfIndex; }
    public void setCpfIndex(String cpfIndex) { this.cpfIndex = cpfIndex; }
    public String getCnpjEncrypted() { return cnpjEncrypted; }
    public void setCnpjEncrypted(String cnpjEncrypted) { this.cnpjEncrypted = cnpjEncrypted; }
    public String getCnpjIndex() { return cnpjIndex; }
    public void setCnpjIndex(String cnpjIndex) { this.cnpjIndex = cnpjIndex; }
    public String getSessionMetadataEncrypted() { return sessionMetadataEncrypted; }
    public void setSessionMetadataEncrypted(String value) { this.sessionMetadataEncrypted = value; }
    public String getPaymentDetailsEncrypted() { return paymentDetailsEncrypted; }
    public void setPaymentDetailsEncrypted(String value) { this.paymentDetailsEncrypted = value; }
    public List<ConsentResourceEntity> getResources() { return resources; }
}
