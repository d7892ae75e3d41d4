package io.github.kcconsent.consent;

/**
 * What happened to a consent, as partners, receipts and webhooks name it: one status change read together with
 * where it came from and why (a rejection's reason tells an expiry from a revocation), or a renewal.
 */
public enum ConsentEvent {
    /** Created, awaiting authorisation. */
    CREATED,
    /** The customer authorised it. */
    GRANTED,
    /** Rejected before it was ever authorised (the customer said no, or the bank for a security reason). */
    REJECTED,
    /** An authorised consent was revoked (customer, bank or partner). */
    REVOKED,
    /** Time ran out: the authorisation window, the expiration date or a payment's consumption window. */
    EXPIRED,
    /** A payment consent was used. */
    CONSUMED,
    /** An authorised consent got a new expiration date; not a status change. */
    RENEWED;

    /** The event of a status change {@code from} → {@code to}. */
    public static ConsentEvent of(ConsentStatus from, ConsentStatus to, Rejection rejection) {
        return ofReason(from, to, rejection == null ? null : rejection.reason());
    }

    /** @param reason the rejection's reason when {@code to} is REJECTED, otherwise null */
    public static ConsentEvent ofReason(ConsentStatus from, ConsentStatus to, RejectionReason reason) {
        return switch (to) {
            case AWAITING_AUTHORISATION -> CREATED;
            case AUTHORISED -> GRANTED;
            case CONSUMED -> CONSUMED;
            case REJECTED -> {
                if (reason == RejectionReason.CONSENT_EXPIRED || reason == RejectionReason.CONSENT_MAX_DATE_REACHED
                        || reason == RejectionReason.TEMPO_EXPIRADO_AUTORIZACAO || reason == RejectionReason.TEMPO_EXPIRADO_CONSUMO) {
                    yield EXPIRED;
                }
                yield from == ConsentStatus.AUTHORISED ? REVOKED : REJECTED;
            }
        };
    }
}
