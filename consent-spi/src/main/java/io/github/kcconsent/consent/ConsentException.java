package io.github.kcconsent.consent;

/** Base of the consent domain's errors. Messages name ids and statuses only, never personal data. */
public class ConsentException extends RuntimeException {

    public ConsentException(String message) {
        super(message);
    }

    public ConsentException(String message, Throwable cause) {
        super(message, cause);
    }
}
