package io.github.kcconsent.backoffice.representation;

import java.time.Instant;

/** The one way the back office writes an instant: ISO-8601 as {@link Instant#toString()} gives it, or absent. */
final class Timestamps {

    private Timestamps() {
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
