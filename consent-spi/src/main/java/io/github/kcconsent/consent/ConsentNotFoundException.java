package io.github.kcconsent.consent;

/** No consent with that id in that realm. */
public class ConsentNotFoundException extends ConsentException {

    public ConsentNotFoundException(String consentId) {
        super("no consent " + consentId);
    }
}
