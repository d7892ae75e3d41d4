package io.github.kcconsent.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A resource the user selected for a consent; the label the user saw is stored encrypted. */
@Entity(name = "KccConsentResource")
// The changelog's index, repeated for generated schemas (see ConsentEntity): loading a consent's accounts uses it.
@Table(name = "KCC_CONSENT_RESOURCE", indexes = @Index(name = "IDX_KCC_CONSENT_RESOURCE_CONS", columnList = "CONSENT_ID"))
public class ConsentResourceEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "CONSENT_ID", nullable = false)
    private ConsentEntity consent;

    @Column(name = "POSITION", nullable = false)
    private int position;

    @Column(name = "RESOURCE_ID", length = 100, nullable = false)
    private String resourceId;

    @Column(name = "RESOURCE_TYPE", length = 60)
    private String resourceType;

    @Column(name = "LABEL_ENC", length = 1000)
    private String labelEncrypted;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public ConsentEntity getConsent() { return consent; }
    public void setConsent(ConsentEntity consent) { this.consent = consent; }
    public int getPosition() { return position; }
    public void setPosition(int position) { this.position = position; }
    public String getResourceId() { return resourceId; }
    public void setResourceId(String resourceId) { this.resourceId = resourceId; }
    public String getResourceType() { return resourceType; }
    public void setResourceType(String resourceType) { this.resourceType = resourceType; }
    public String getLabelEncrypted() { return labelEncrypted; }
    public void setLabelEncrypted(String labelEncrypted) { this.labelEncrypted = labelEncrypted; }
}
