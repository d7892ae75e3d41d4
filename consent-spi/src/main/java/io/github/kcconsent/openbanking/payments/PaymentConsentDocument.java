package io.github.kcconsent.openbanking.payments;

/** A whole answer about one payment consent: {@code data}, {@code links.self}, {@code meta.requestDateTime}. */
public record PaymentConsentDocument(PaymentConsentView data, Links links, Meta meta) {

    public record Links(String self) {
    }

    public record Meta(String requestDateTime) {
    }
}
