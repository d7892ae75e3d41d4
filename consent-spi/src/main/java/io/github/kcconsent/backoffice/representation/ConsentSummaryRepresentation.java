package io.github.kcconsent.backoffice.representation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.consent.Consent;

/**
 * One consent in a search result, and the first part of its detail. Shows both the effective {@code status}
 * (what the consent means now) and the {@code storedStatus} (what the search filters on, until the expiry
 * sweeper catches up).
 *
 * @param clientId       the partner's {@code clientId} (not Keycloak's internal id); absent if the client is gone
 * @param paymentSummary a payment consent's amount, creditor name and dates; absent for other consents
 * @param erasedAt       when the customer's personal data was erased (the personal fields are then absent)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentSummaryRepresentation(
        @JsonProperty("consentId") String consentId,
        @JsonProperty("clientId") String clientId,
        @JsonProperty("userId") String userId,
        @JsonProperty("type") String type,
        @JsonProperty("origin") String origin,
        @JsonProperty("status") String status,
        @JsonProperty("storedStatus") String storedStatus,
        @JsonProperty("permissions") List<String> permissions,
        @JsonProperty("creationDateTime") String creationDateTime,
        @JsonProperty("statusUpdateDateTime") String statusUpdateDateTime,
        @JsonProperty("expirationDateTime") String expirationDateTime,
        @JsonProperty("paymentSummary") PaymentSummaryRepresentation paymentSummary,
        @JsonProperty("erasedAt") String erasedAt) {

    /**
     * @param clientId the partner's {@code clientId}, looked up from the consent's internal client id; null if
     *                 the client no longer exists
     * @param now      the instant the effective status is taken at
     */
    public static ConsentSummaryRepresentation of(Consent consent, String clientId, Instant now) {
        return new ConsentSummaryRepresentation(consent.id(), clientId, consent.userId(), consent.type().name(),
                consent.origin().name(), consent.effectiveStatus(now).name(), consent.status().name(),
                consent.permissions(), Timestamps.iso(consent.createdAt()), Timestamps.iso(consent.statusUpdatedAt()),
                Timestamps.iso(consent.expiresAt()),
                PaymentRepresentation.read(consent).map(PaymentSummaryRepresentation::of).orElse(null),
                Timestamps.iso(consent.erasedAt()));
    }
}
