package io.github.kcconsent.consent;

/** Someone else changed the consent between our read and our write; our change was not applied. */
public class ConcurrentConsentUpdateException extends ConsentException {

    public ConcurrentConsentUpdateException(String consentId, Throwable cause) {
        super("consent " + consentId + " was changed concurrently; the change was not applied", cause);
    }
}
