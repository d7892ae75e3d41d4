package io.github.kcconsent.accounts;

/** The accounts could not be listed (backend down, bad data). Shown to the user as an error page. */
public class AccountSourceException extends RuntimeException {

    public AccountSourceException(String message) {
        super(message);
    }

    public AccountSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
