package io.github.kcconsent.openbanking.consents;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.openbanking.api.ApiDates;
import io.github.kcconsent.openbanking.renewal.ConsentExtension;
import io.github.kcconsent.receipt.ConsentReceipt;

/** Our records as the spec's {@code data} objects. Reads use the effective status, never the stored one. */
final class ConsentRepresentation {

    private ConsentRepresentation() {
    }

    /**
     * {@code ResponseConsent} / {@code ResponseConsentRead} / {@code ResponseConsentExtensions} data.
     *
     * @param withRejection only the read carries {@code rejection}
     */
    static Map<String, Object> consent(Consent c, Instant now, boolean withRejection) {
        ConsentStatus status = c.effectiveStatus(now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("consentId", c.id());
        data.put("creationDateTime", ApiDates.format(c.createdAt()));
        data.put("status", status.name());
        data.put("statusUpdateDateTime", ApiDates.format(statusUpdatedAt(c, now)));
        data.put("permissions", c.permissions());
        if (c.expiresAt() != null) {
            data.put("expirationDateTime", ApiDates.format(c.expiresAt()));
        }
        Rejection rejection = c.effectiveRejection(now);
        if (withRejection && status == ConsentStatus.REJECTED && rejection != null) {
            Map<String, Object> reason = new LinkedHashMap<>();
            reason.put("code", rejection.reason().name());
            if (rejection.additionalInformation() != null) {
                reason.put("additionalInformation", rejection.additionalInformation());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("rejectedBy", rejection.rejectedBy().name());
            out.put("reason", reason);
            data.put("rejection", out);
        }
        return data;
    }

    /** One item of {@code GET …/extensions} ({@code ResponseConsentReadExtensions}). */
    /** One signed receipt (kc-consent's receipts endpoint, not the Consents API): its facts and the JWT itself. */
    static Map<String, Object> receipt(ConsentReceipt r) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("receiptId", r.id());
        item.put("event", r.event().name());
        item.put("issuedAt", ApiDates.format(r.issuedAt()));
        item.put("receipt", r.token());
        return item;
    }

    static Map<String, Object> extension(ConsentExtension e) {
        Map<String, Object> item = new LinkedHashMap<>();
        if (e.expiresAt() != null) {
            item.put("expirationDateTime", ApiDates.format(e.expiresAt()));
        }
        item.put("loggedUser", Map.of("document", Map.of("identification", e.loggedUserDocument(), "rel", "CPF")));
        item.put("requestDateTime", ApiDates.format(e.requestedAt()));
        if (e.previousExpiresAt() != null) {
            item.put("previousExpirationDateTime", ApiDates.format(e.previousExpiresAt()));
        }
        if (e.customerIpAddress() != null) {
            item.put("xFapiCustomerIpAddress", e.customerIpAddress());
        }
        if (e.customerUserAgent() != null) {
            item.put("xCustomerUserAgent", e.customerUserAgent());
        }
        return item;
    }

    /**
     * When the effective status began: a consent the sweeper has not moved yet became REJECTED at its
     * deadline or expiry, not when it was last written.
     */
    private static Instant statusUpdatedAt(Consent c, Instant now) {
        if (c.expiryDue(now)) {
            return c.status() == ConsentStatus.AWAITING_AUTHORISATION ? c.authorisationDeadline() : c.expiresAt();
        }
        return c.statusUpdatedAt();
    }
}
