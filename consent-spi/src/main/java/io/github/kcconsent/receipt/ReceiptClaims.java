package io.github.kcconsent.receipt;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentEvent;
import io.github.kcconsent.consent.StatusChange;

/**
 * The claims of a receipt JWT. No personal data: the customer is the Keycloak user id ({@code sub}, absent while
 * nobody has authorised), resources are ids and types without their labels, and no document number appears in
 * any form (a hash of a CPF could be reversed by trying its 10^9 values). Times are seconds since the epoch, as in
 * every JWT. {@code history_seal} is the seal of the history entry of the event (for a renewal, which is not a
 * status change, of the newest entry then), the value the back office's history and its verification show.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptClaims(
        @JsonProperty("jti") String id,
        @JsonProperty("iat") long issuedAt,
        @JsonProperty("realm") String realm,
        @JsonProperty("consent_id") String consentId,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("sub") String userId,
        @JsonProperty("consent_type") String type,
        @JsonProperty("permissions") List<String> permissions,
        @JsonProperty("resources") List<Resource> resources,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("expires_at") Long expiresAt,
        @JsonProperty("status") String status,
        @JsonProperty("event") String event,
        @JsonProperty("event_at") long eventAt,
        @JsonProperty("rejection") Rejection rejection,
        @JsonProperty("history_sequence") Long historySequence,
        @JsonProperty("history_seal") String historySeal) {

    /** A selected resource: its id and type, never its label. */
    public record Resource(@JsonProperty("id") String id, @JsonProperty("type") String type) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rejection(@JsonProperty("rejected_by") String rejectedBy, @JsonProperty("reason") String reason) {
    }

    /**
     * @param clientId the partner's clientId (not Keycloak's internal id)
     * @param entry    the history entry of the event (the newest one)
     */
    public static ReceiptClaims of(String id, Instant now, String realm, String clientId, Consent consent,
                                   ConsentEvent event, StatusChange entry) {
        Instant eventAt = event == ConsentEvent.RENEWED ? now : consent.statusUpdatedAt();
        return new ReceiptClaims(id, now.getEpochSecond(), realm, consent.id(), clientId, consent.userId(),
                consent.type().name(), consent.permissions(),
                consent.resources().stream().map(r -> new Resource(r.resourceId(), r.type())).toList(),
                consent.createdAt().getEpochSecond(),
                consent.expiresAt() == null ? null : consent.expiresAt().getEpochSecond(),
                consent.status().name(), event.name(), eventAt.getEpochSecond(),
                consent.rejection() == null ? null : new Rejection(consent.rejection().rejectedBy().name(),
                        consent.rejection().reason().name()),
                entry == null ? null : entry.sequence(),
                entry == null ? null : entry.seal());
    }
}
