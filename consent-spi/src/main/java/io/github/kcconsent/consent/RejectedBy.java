package io.github.kcconsent.consent;

/** Who rejected or revoked: the customer, the bank (ASPSP, data transmitter) or the partner (TPP, receiver). */
public enum RejectedBy {
    USER,
    ASPSP,
    TPP
}
