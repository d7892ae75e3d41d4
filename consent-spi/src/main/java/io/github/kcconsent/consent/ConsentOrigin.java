package io.github.kcconsent.consent;

/** The way the consent came in. */
public enum ConsentOrigin {
    /** A partner-signed consent link (JWT) opened by the user. */
    CONSENT_LINK,
    /** The Open Finance Brasil Consents API followed by a FAPI authorization. */
    OPEN_FINANCE_API
}
