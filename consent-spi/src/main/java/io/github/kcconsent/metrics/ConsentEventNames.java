package io.github.kcconsent.metrics;

import io.github.kcconsent.consent.ConsentEvent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.RejectionReason;

/**
 * What a status change was, in the words an operator's dashboard uses: {@code authorised}, {@code consumed},
 * {@code expired} (ended by time), {@code revoked} (an authorised consent ended otherwise) or {@code rejected}
 * (an awaiting consent refused). Pure, so the naming is unit-tested on its own.
 */
public final class ConsentEventNames {

    public static final String CREATED = "created";
    public static final String AUTHORISED = "authorised";
    public static final String CONSUMED = "consumed";
    public static final String EXPIRED = "expired";
    public static final String REVOKED = "revoked";
    public static final String REJECTED = "rejected";
    /** The {@code reason} tag of events that have none. */
    public static final String NO_REASON = "none";

    private ConsentEventNames() {
    }

    /** @param reason the rejection's reason when {@code to} is REJECTED, otherwise null */
    public static String of(ConsentStatus from, ConsentStatus to, RejectionReason reason) {
        return switch (ConsentEvent.ofReason(from, to, reason)) {
            case CREATED -> CREATED;
            case GRANTED -> AUTHORISED;
            case CONSUMED -> CONSUMED;
            case EXPIRED -> EXPIRED;
            case REVOKED -> REVOKED;
            case REJECTED -> REJECTED;
            case RENEWED -> throw new IllegalArgumentException("a renewal is not a status change");
        };
    }
}
