package io.github.kcconsent.webhook;

/**
 * What an outbox event is on the wire and where it goes. Stored with each event ({@code KCC_WEBHOOK_OUTBOX.KIND};
 * rows written before the column existed read as {@link #SIGNED_EVENT}), so the dispatcher needs nothing but the
 * row and the client's current settings to send it.
 */
public enum WebhookKind {
    /**
     * Our signed event (compact JWS, {@code application/jose}) to the client's {@code kcconsent.webhook.url}, for
     * every status change of any of its consents.
     */
    SIGNED_EVENT,
    /**
     * The Open Finance Brasil payment-consent notification ({@link OpenFinancePaymentNotification}): JSON
     * {@code {"data":{"timestamp":…}}} to {@code <kcconsent.webhook.openFinanceBaseUri>/open-banking/webhook/v1/payments/v4/consents/{consentId}},
     * for every status change (creation included) of the client's Open Finance payment consents.
     */
    OPEN_FINANCE_PAYMENT_CONSENT;

    /** The stored value; null (a row from before kinds) is a signed event. */
    public static WebhookKind stored(String value) {
        return value == null ? SIGNED_EVENT : valueOf(value);
    }
}
