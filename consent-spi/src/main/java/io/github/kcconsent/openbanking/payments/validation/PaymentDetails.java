package io.github.kcconsent.openbanking.payments.validation;

import java.util.Objects;

/**
 * How the creditor was identified. {@code proxy} (the creditor's Pix key) is null exactly for
 * {@link LocalInstrument#MANU}; {@code qrCode} is present for the QR instruments and may be for others.
 */
public record PaymentDetails(LocalInstrument localInstrument, String qrCode, String proxy,
                             PaymentAccount creditorAccount) {

    public PaymentDetails {
        Objects.requireNonNull(localInstrument, "localInstrument");
        Objects.requireNonNull(creditorAccount, "creditorAccount");
        if ((proxy != null) != localInstrument.requiresProxy()) {
            throw new IllegalArgumentException("proxy does not fit " + localInstrument);
        }
        if (qrCode == null && localInstrument.requiresQrCode()) {
            throw new IllegalArgumentException("qrCode is required for " + localInstrument);
        }
    }
}
