package io.github.kcconsent.webhook;

import io.github.kcconsent.consent.ConsentEvent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.Rejection;

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
        return of(ConsentEvent.of(from, to, rejection));
    }

    public static WebhookEventType of(ConsentEvent event) {
        return switch (event) {
            case CREATED -> CONSENT_CREATED;
            case GRANTED -> CONSENT_REQUESTED;
            case REJECTED -> CONSENT_REJECTED;
            case REVOKED -> CONSENT_REVOKED;
            case EXPIRED -> CONSENT_EXPIRED;
            case CONSUMED -> CONSENT_CONSUMED;
            case RENEWED -> throw new IllegalArgumentException("a renewal is not a status change");
        };
    }
}
