package io.github.kcconsent.openbanking.payments.validation;

/** How the payer gave the creditor's details to the initiator; it decides which of them must be present. */
public enum LocalInstrument {
    /** Account details typed in by hand. */
    MANU(false, false, true),
    /** A Pix key typed in by hand. */
    DICT(true, false, true),
    /** A dynamic QR code. */
    QRDN(true, true, false),
    /** A static QR code. */
    QRES(true, true, true),
    /** Initiated on behalf of a creditor that hired the initiator, so the creditor is known beforehand. */
    INIC(true, false, false);

    private final boolean requiresProxy;
    private final boolean requiresQrCode;
    private final boolean allowsRecurrence;

    LocalInstrument(boolean requiresProxy, boolean requiresQrCode, boolean allowsRecurrence) {
        this.requiresProxy = requiresProxy;
        this.requiresQrCode = requiresQrCode;
        this.allowsRecurrence = allowsRecurrence;
    }

    /** Every instrument but MANU names the creditor's Pix key; MANU must not (the account is typed in). */
    public boolean requiresProxy() {
        return requiresProxy;
    }

    public boolean requiresQrCode() {
        return requiresQrCode;
    }

    /** Whether a schedule other than {@code single} may use it (a dynamic QR code is for one payment). */
    public boolean allowsRecurrence() {
        return allowsRecurrence;
    }
}
