package io.github.kcconsent.consent;

/** Statuses as Open Finance Brasil defines them. Revocation and expiry are REJECTED plus a {@link Rejection}. */
public enum ConsentStatus {
    AWAITING_AUTHORISATION,
    AUTHORISED,
    REJECTED,
    /** Payments only: a payment was initiated with the consent. */
    CONSUMED;

    public boolean isFinal() {
        return this == REJECTED || this == CONSUMED;
    }
}
