package io.github.kcconsent.consent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A consent as read from the store, personal data already decrypted. Immutable: changes go through the store,
 * which asks the {@link ConsentStateMachine}.
 *
 * @param clientId   the Keycloak client's internal id (stable across clientId renames)
 * @param userId     the Keycloak user's id; null until the user is known
 * @param status     the stored status; see {@link #effectiveStatus(Instant)} for what it means now
 * @param expiresAt  end of an authorised consent's validity; null means indeterminate
 * @param authorisationDeadline until when an awaiting consent may be authorised
 * @param loggedUserDocument     CPF (Open Finance consents)
 * @param businessEntityDocument CNPJ (business consents)
 * @param sessionMetadata        the partner's session metadata JSON (consent links), exactly as sent
 * @param paymentDetails         payment consent details JSON
 */
public record Consent(
        String id,
        String realmId,
        String clientId,
        String userId,
        ConsentType type,
        ConsentOrigin origin,
        ConsentStatus status,
        List<String> permissions,
        List<ConsentedResource> resources,
        Instant createdAt,
        Instant statusUpdatedAt,
        Instant expiresAt,
        Instant authorisationDeadline,
        String loggedUserDocument,
        String businessEntityDocument,
        String sessionMetadata,
        String paymentDetails,
        Rejection rejection,
        long version,
        Instant erasedAt) {

    public Consent {
        Objects.requireNonNull(id, "id");
        // erasedAt: when the customer's personal data was erased (LGPD); the personal fields are then null.
        permissions = List.copyOf(permissions);
        resources = List.copyOf(resources);
    }

    /**
     * The status as of {@code now}: a consent whose time has passed is reported REJECTED even when the expiry
     * sweeper has not run yet, so no read ever treats an expired consent as valid.
     */
    public ConsentStatus effectiveStatus(Instant now) {
        return expiryDue(now) ? ConsentStatus.REJECTED : status;
    }

    /** The rejection as of {@code now}, including the one an overdue expiry implies. */
    public Rejection effectiveRejection(Instant now) {
        if (expiryDue(now)) {
            return new Rejection(RejectedBy.ASPSP, RejectionReason.expiryOf(type, status));
        }
        return rejection;
    }

    /** True when this consent is past its time but still stored as awaiting or authorised. */
    public boolean expiryDue(Instant now) {
        return switch (status) {
            case AWAITING_AUTHORISATION -> authorisationDeadline != null && !now.isBefore(authorisationDeadline);
            case AUTHORISED -> expiresAt != null && !now.isBefore(expiresAt);
            default -> false;
        };
    }

    /** Authorised and within its validity right now. */
    public boolean isActive(Instant now) {
        return effectiveStatus(now) == ConsentStatus.AUTHORISED;
    }
}
