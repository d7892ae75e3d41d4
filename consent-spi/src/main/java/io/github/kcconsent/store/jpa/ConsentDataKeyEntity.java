package io.github.kcconsent.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One customer's data key, wrapped (AES-GCM) under the realm's field key. {@code subject} says whose it is
 * ({@code user:<id>}, else {@code cpf:<blind index>} or {@code cnpj:<blind index>}, else the consent's own key).
 * Destroyed on erasure: the wrapped key and the subject go, the row stays as the record that it was erased.
 */
@Entity(name = "KccConsentDataKey")
@Table(name = "KCC_CONSENT_DATA_KEY", indexes = {
        @Index(name = "IDX_KCC_DATA_KEY_SUBJECT", columnList = "REALM_ID, SUBJECT"),
        @Index(name = "IDX_KCC_DATA_KEY_KEK", columnList = "REALM_ID, KEK_KID"),
})
@NamedQueries({
        @NamedQuery(name = "kcc.dataKey.bySubject",
                query = "select k from KccConsentDataKey k where k.realmId = :realmId and k.subject = :subject"
                        + " and k.erasedAt is null order by k.createdAt"),
        @NamedQuery(name = "kcc.dataKey.deleteByRealm",
                query = "delete from KccConsentDataKey k where k.realmId = :realmId"),
        @NamedQuery(name = "kcc.dataKey.deleteUnused",
                query = "delete from KccConsentDataKey k where k.realmId = :realmId and k.id in :ids"
                        + " and not exists (select c.id from KccConsent c where c.dataKeyId = k.id)"),
        @NamedQuery(name = "kcc.dataKey.stillUsed",
                query = "select distinct c.dataKeyId from KccConsent c where c.dataKeyId in :ids and c.erasedAt is null"),
})
public class ConsentDataKeyEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SUBJECT", length = 200)
    private String subject;

    /** The data key under the realm's field key ({@code v1.<kid>.<nonce>.<sealed>}); null once erased. */
    @Column(name = "WRAPPED_KEY", length = 1000)
    private String wrappedKey;

    /** The kid of the realm key that wraps it, for the re-wrap after a rotation. */
    @Column(name = "KEK_KID", length = 100)
    private String kekKid;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "ERASED_AT")
    private Long erasedAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getWrappedKey() { return wrappedKey; }
    public void setWrappedKey(String wrappedKey) { this.wrappedKey = wrappedKey; }
    public String getKekKid() { return kekKid; }
    public void setKekKid(String kekKid) { this.kekKid = kekKid; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public Long getErasedAt() { return erasedAt; }
    public void setErasedAt(Long erasedAt) { this.erasedAt = erasedAt; }
}
