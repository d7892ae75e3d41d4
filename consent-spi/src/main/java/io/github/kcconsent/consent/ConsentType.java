package io.github.kcconsent.consent;

import java.time.Duration;

/** What the consent is for; decides the default authorisation window and which statuses apply. */
public enum ConsentType {
    DATA_SHARING(Duration.ofMinutes(60)),
    PAYMENT(Duration.ofMinutes(5));

    private final Duration defaultAuthorisationWindow;

    ConsentType(Duration defaultAuthorisationWindow) {
        this.defaultAuthorisationWindow = defaultAuthorisationWindow;
    }

    /** How long a consent may stay AWAITING_AUTHORISATION (OFB: 60 min data sharing, 5 min payments). */
    public Duration defaultAuthorisationWindow() {
        return defaultAuthorisationWindow;
    }
}
