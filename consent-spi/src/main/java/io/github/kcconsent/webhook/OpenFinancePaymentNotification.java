package io.github.kcconsent.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.openbanking.api.ApiDates;
import org.keycloak.util.JsonSerialization;

/**
 * The Open Finance Brasil webhook for payment consents (Payments v4, webhook API): on every status change of a
 * payment consent that came through the Open Finance API, {@code POST <base>/open-banking/webhook/v1/payments/v4/consents/{consentId}}
 * with {@code {"data":{"timestamp":"<RFC 3339 UTC, whole seconds>"}}}, the time of the change. The body says
 * only that something changed and when: no status, no personal data; the initiator reads the consent to learn
 * the rest. Pure rules, so the outbox (what it stores) and the dispatcher (where it sends) share them.
 */
public final class OpenFinancePaymentNotification {

    /** What the webhook API's spec appends to the initiator's registered base URI, before the consent id. */
    public static final String PATH = "/open-banking/webhook/v1/payments/v4/consents/";

    /** The body: {@code {"data":{"timestamp":…}}}. */
    public record Body(@JsonProperty("data") Data data) {
    }

    public record Data(@JsonProperty("timestamp") String timestamp) {
    }

    private OpenFinancePaymentNotification() {
    }

    /** Whether a change of this consent is notified: a payment consent created through the Open Finance API. */
    public static boolean appliesTo(Consent consent) {
        return consent.type() == ConsentType.PAYMENT && consent.origin() == ConsentOrigin.OPEN_FINANCE_API;
    }

    /**
     * When the consent's current status began: the time of its newest history entry (the store writes both from
     * the same instant), creation included.
     */
    public static Instant changedAt(Consent consent) {
        return consent.statusUpdatedAt() != null ? consent.statusUpdatedAt() : consent.createdAt();
    }

    /** The body for a change at {@code changedAt}, in the API's one date format ({@link ApiDates}). */
    public static String body(Instant changedAt) {
        try {
            return JsonSerialization.writeValueAsString(new Body(new Data(ApiDates.format(changedAt))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise a payment-consent notification", e);
        }
    }

    /**
     * The notification's address: the base URI (trailing slashes dropped, so {@code https://tpp.example/} and
     * {@code https://tpp.example} mean the same) with {@link #PATH} and the consent id as one path segment.
     */
    public static String url(String baseUri, String consentId) {
        String base = baseUri.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + PATH + segment(consentId);
    }

    /**
     * Percent-encodes everything but unreserved characters and {@code :} (RFC 3986 allows it in a segment), so a
     * consent id {@code urn:<namespace>:<uuid>} stays as it is and nothing in an id can add a path or a query.
     */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
