package io.github.kcconsent.link.validation;

import java.util.Objects;

/**
 * A refused consent link. Carries the {@link ConsentLinkError} and, at most, a fixed explanatory text written in
 * our own code: never the token, a claim value or session metadata, so it is safe to log.
 *
 * <p>Refusals are an expected outcome that anyone can trigger with a bad link, so the exception records no
 * stack trace (cheap to throw under a flood of garbage) and has no cause (a parser message might quote input).
 */
public final class ConsentLinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ConsentLinkError error;

    public ConsentLinkException(ConsentLinkError error) {
        this(error, null);
    }

    /**
     * @param detail fixed text from our code, e.g. {@code "exp is in the past"}; never input data
     */
    public ConsentLinkException(ConsentLinkError error, String detail) {
        super(message(error, detail), null, false, false);
        this.error = error;
    }

    public ConsentLinkError error() {
        return error;
    }

    private static String message(ConsentLinkError error, String detail) {
        Objects.requireNonNull(error, "error");
        return detail == null ? error.eventError() : error.eventError() + ": " + detail;
    }
}
