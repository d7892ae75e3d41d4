package io.github.kcconsent.backoffice;

/**
 * A query or body parameter that is not acceptable; the resource answers it with a 400 before anything is read
 * or written. The message is shown to the caller, so it names the parameter and never repeats its value (a
 * document number is personal data).
 */
final class BadParameterException extends RuntimeException {

    BadParameterException(String message) {
        // No stack trace: this is an answer to the caller, not a fault of ours.
        super(message, null, false, false);
    }
}
