package io.github.kcconsent.openbanking.payments.validation;

/** The payment arrangement. Payments v4 has Pix only; the spec keeps the field for arrangements to come. */
public enum PaymentType {
    PIX
}
