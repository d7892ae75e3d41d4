package io.github.kcconsent.consent;

/** Through which door a status change came; recorded in the history. */
public enum Channel {
    CONSENT_LINK,
    OPEN_FINANCE_API,
    AUTHORIZATION_FLOW,
    BACK_OFFICE,
    SELF_SERVICE,
    SCHEDULER,
    /** Keycloak's own user-consent management: Account Console "Applications", Admin Console "Consents". */
    KEYCLOAK_CONSENTS,
    SYSTEM
}
