package io.github.kcconsent.consent;

/**
 * The one owner of consent transitions. Stateless; every write path of the store asks it before changing
 * anything, so an illegal transition fails before a row is touched.
 *
 * <pre>
 * AWAITING_AUTHORISATION ──authorise──► AUTHORISED ──consume (payments)──► CONSUMED
 *          │                                 │
 *          └──reject / expire──► REJECTED ◄──┘ revoke / expire
 * </pre>
 */
public final class ConsentStateMachine {

    public void check(ConsentType type, ConsentStatus from, ConsentStatus to, Rejection rejection) {
        if (from.isFinal()) {
            throw new IllegalConsentTransitionException(from, to, from + " is final");
        }
        if (from == to) {
            throw new IllegalConsentTransitionException(from, to, "the consent is already " + from);
        }
        switch (to) {
            case AUTHORISED -> {
                requireNoRejection(from, to, rejection);
                if (from != ConsentStatus.AWAITING_AUTHORISATION) {
                    throw new IllegalConsentTransitionException(from, to, "only an awaiting consent can be authorised");
                }
            }
            case CONSUMED -> {
                requireNoRejection(from, to, rejection);
                if (type != ConsentType.PAYMENT) {
                    throw new IllegalConsentTransitionException(from, to, "only payment consents are consumed");
                }
                if (from != ConsentStatus.AUTHORISED) {
                    throw new IllegalConsentTransitionException(from, to, "only an authorised consent can be consumed");
                }
            }
            case REJECTED -> {
                if (rejection == null) {
                    throw new IllegalConsentTransitionException(from, to, "a rejection (who and why) is required");
                }
                if (!rejection.reason().appliesTo(type)) {
                    throw new IllegalConsentTransitionException(from, to,
                            rejection.reason() + " is not a reason for a " + type + " consent");
                }
                if (!rejection.reason().mayEnd(from)) {
                    throw new IllegalConsentTransitionException(from, to,
                            rejection.reason() + " cannot end a consent that is " + from);
                }
            }
            case AWAITING_AUTHORISATION ->
                    throw new IllegalConsentTransitionException(from, to, "a consent never goes back to awaiting");
            default -> throw new IllegalConsentTransitionException(from, to, "unknown target");
        }
    }

    private static void requireNoRejection(ConsentStatus from, ConsentStatus to, Rejection rejection) {
        if (rejection != null) {
            throw new IllegalConsentTransitionException(from, to, "a rejection only goes with REJECTED");
        }
    }
}
