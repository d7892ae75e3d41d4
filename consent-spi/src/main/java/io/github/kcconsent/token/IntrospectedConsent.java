package io.github.kcconsent.token;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentedResource;

/**
 * The {@code consent} member of an introspection response for a token that carries an authorised consent: what
 * a bank's resource server needs to serve the call without a second request. Ids and codes only: account
 * labels (personal data) stay out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class IntrospectedConsent {

    /** One selected resource: the bank's own id and type. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Resource {
        @JsonProperty("resourceId")
        public final String resourceId;
        @JsonProperty("type")
        public final String type;

        Resource(ConsentedResource resource) {
            this.resourceId = resource.resourceId();
            this.type = resource.type();
        }
    }

    public static final String CLAIM = "consent";

    @JsonProperty("consentId")
    public final String consentId;
    @JsonProperty("type")
    public final String type;
    @JsonProperty("status")
    public final String status;
    @JsonProperty("permissions")
    public final List<String> permissions;
    @JsonProperty("resources")
    public final List<Resource> resources;
    /** The CNPJ of a business consent's company; absent for a personal consent. */
    @JsonProperty("businessEntity")
    public final String businessEntity;
    /** Epoch seconds; absent for a consent without an end date. */
    @JsonProperty("expiresAt")
    public final Long expiresAt;

    IntrospectedConsent(Consent consent, Instant now) {
        this.consentId = consent.id();
        this.type = consent.type().name();
        this.status = consent.effectiveStatus(now).name();
        this.permissions = consent.permissions();
        this.resources = consent.resources().stream().map(Resource::new).toList();
        this.businessEntity = consent.businessEntityDocument();
        this.expiresAt = consent.expiresAt() == null ? null : consent.expiresAt().getEpochSecond();
    }
}
