package io.github.kcconsent.openbanking.renewal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One renewal of a consent. The consent id is a plain column (no JPA relation, no foreign key: see the
 * changelog), so nothing here can load or change the consent; the consent's realm, client and user ids are
 * copied so the rows can be deleted on the same removal events as the consent. Personal data only in
 * {@code *_ENC} columns (AES-GCM, bound to realm, consent and row); timestamps are epoch millis.
 */
@Entity(name = "KccObConsentExtension")
@Table(name = "KCC_OB_CONSENT_EXTENSION")
@NamedQueries({
        @NamedQuery(name = "kcc.ob.extension.byConsent",
                query = "select e from KccObConsentExtension e where e.realmId = :realmId and e.consentId = :consentId order by e.sequence desc"),
        @NamedQuery(name = "kcc.ob.extension.countByConsent",
                query = "select count(e) from KccObConsentExtension e where e.realmId = :realmId and e.consentId = :consentId"),
        @NamedQuery(name = "kcc.ob.extension.maxSequence",
                query = "select max(e.sequence) from KccObConsentExtension e where e.consentId = :consentId"),
        @NamedQuery(name = "kcc.ob.extension.anyInRealm",
                query = "select e.id from KccObConsentExtension e where e.realmId = :realmId"),
        @NamedQuery(name = "kcc.ob.extension.deleteByRealm",
                query = "delete from KccObConsentExtension e where e.realmId = :realmId"),
        @NamedQuery(name = "kcc.ob.extension.deleteByClient",
                query = "delete from KccObConsentExtension e where e.realmId = :realmId and e.clientId = :clientId"),
        @NamedQuery(name = "kcc.ob.extension.deleteByConsents",
                query = "delete from KccObConsentExtension e where e.realmId = :realmId and e.consentId in :consentIds"),
        @NamedQuery(name = "kcc.ob.extension.deleteByUser",
                query = "delete from KccObConsentExtension e where e.realmId = :realmId and e.userId = :userId"),
        @NamedQuery(name = "kcc.ob.extension.notUnderKey",
                query = "select e from KccObConsentExtension e where e.realmId = :realmId and e.encryptionKeyId <> :keyId and e.id > :after order by e.id"),
})
public class ConsentExtensionEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CONSENT_ID", length = 256, nullable = false)
    private String consentId;

    /** Keycloak internal id of the consent's client. */
    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    /** Keycloak id of the consent's user (an authorised consent always has one). */
    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "SEQ", nullable = false)
    private long sequence;

    @Column(name = "REQUESTED_AT", nullable = false)
    private long requestedAt;

    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    @Column(name = "PREVIOUS_EXPIRES_AT")
    private Long previousExpiresAt;

    @Column(name = "ENC_KEY_ID", length = 100, nullable = false)
    private String encryptionKeyId;

    @Column(name = "LOGGED_USER_ENC", length = 1000, nullable = false)
    private String loggedUserEncrypted;

    @Column(name = "CUSTOMER_IP_ENC", length = 1000)
    private String customerIpEncrypted;

    @Column(name = "CUSTOMER_UA_ENC", length = 2000)
    private String customerUserAgentEncrypted;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getConsentId() { return consentId; }
    public void setConsentId(String consentId) { this.consentId = consentId; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public long getSequence() { return sequence; }
    public void setSequence(long sequence) { this.sequence = sequence; }
    public long getRequestedAt() { return requestedAt; }
    public void setRequestedAt(long requestedAt) { this.requestedAt = requestedAt; }
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
    public Long getPreviousExpiresAt() { return previousExpiresAt; }
    public void setPreviousExpiresAt(Long previousExpiresAt) { this.previousExpiresAt = previousExpiresAt; }
    public String getEncryptionKeyId() { return encryptionKeyId; }
    public void setEncryptionKeyId(String encryptionKeyId) { this.encryptionKeyId = encryptionKeyId; }
    public String getLoggedUserEncrypted() { return loggedUserEncrypted; }
    public void setLoggedUserEncrypted(String value) { this.loggedUserEncrypted = value; }
    public String getCustomerIpEncrypted() { return customerIpEncrypted; }
    public void setCustomerIpEncrypted(String value) { this.customerIpEncrypted = value; }
    public String getCustomerUserAgentEncrypted() { return customerUserAgentEncrypted; }
    public void setCustomerUserAgentEncrypted(String value) { this.customerUserAgentEncrypted = value; }
}
