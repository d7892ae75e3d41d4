package io.github.kcconsent.consent;

/** A transition the state machine does not allow. Nothing was changed. */
public class IllegalConsentTransitionException extends ConsentException {

    private final ConsentStatus from;
    private final ConsentStatus to;

    public IllegalConsentTransitionException(ConsentStatus from, ConsentStatus to, String why) {
        super("consent cannot go from " + from + " to " + to + ": " + why);
        this.from = from;
        this.to = to;
    }

    public ConsentStatus from() {
        return from;
    }

    public ConsentStatus to() {
        return to;
    }
}
