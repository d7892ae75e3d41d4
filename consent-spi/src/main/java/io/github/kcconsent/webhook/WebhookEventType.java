package io.github.kcconsent.webhook;

import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;

/** The events partners receive. */
public enum WebhookEventType {
    /** The user approved (the consent-link documentation's name for it). */
    CONSENT_REQUESTED("consent_requested"),
    /** Rejected before it was ever authorised (the user said no, or a security reason). */
    CONSENT_REJECTED("consent_rejected"),
    /** An authorised consent was revoked (customer, bank or partner). */
    CONSENT_REVOKED("consent_revoked"),
    /** Time ran out: the authorisation window or the expiration date. */
    CONSENT_EXPIRED("consent_expired"),
    /** A payment consent was used. */
    CONSENT_CONSUMED("consent_consumed"),
    /**
     * A consent was created and awaits authorisation. Only the Open Finance payment-consent notifications carry
     * creation ({@link WebhookKind#OPEN_FINANCE_PAYMENT_CONSENT}); the signed events start at the decision.
     */
    CONSENT_CREATED("consent_created");

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static WebhookEventType of(ConsentStatus from, ConsentStatus to, Rejection rejection) {
        return switch (to) {
            case AWAITING_AUTHORISATION -> CONSENT_CREATED;
            case AUTHORISED -> CONSENT_REQUESTED;
            case CONSUMED -> CONSENT_CONSUMED;
            case REJECTED -> {
                RejectionReason reason = rejection == null ? null : rejection.reason();
                if (reason == RejectionReason.CONSENT_EXPIRED || reason == RejectionReason.CONSENT_MAX_DATE_REACHED
                        || reason == RejectionReason.TEMPO_EXPIRADO_AUTORIZACAO || reason == RejectionReason.TEMPO_EXPIRADO_CONSUMO) {
                    yield CONSENT_EXPIRED;
                }
                yield from == ConsentStatus.AUTHORISED ? CONSENT_REVOKED : CONSENT_REJECTED;
            }
        };
    }
}
