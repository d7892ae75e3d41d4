package io.github.kcconsent.backoffice;

import java.io.IOException;
import java.util.Map;

import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import org.keycloak.util.JsonSerialization;

/**
 * The body of {@code POST …/consents/{id}/revoke}, read into the rejection the store is asked to record:
 * {@code {"reason": "…", "additionalInformation": "…"}}, both optional. Only the form is checked here; whether
 * a known reason fits the consent's type and status is the state machine's call (a 409, not a 400).
 */
final class RevocationRequest {

    private RevocationRequest() {
    }

    /**
     * @param body    the request body; empty means the customer's own revocation without a note
     * @param type    the consent's type, for the default reason
     * @param current the consent's effective status, for the default reason
     * @throws BadParameterException if the body is not a JSON object, the note not a string of at most 140
     *                               characters without surrounding white space, or the reason not a code
     *                               written exactly as defined
     */
    static Rejection rejection(String body, ConsentType type, ConsentStatus current) {
        Map<?, ?> request = object(body);
        Object info = request.get("additionalInformation");
        if (info != null && !(info instanceof String)) {
            throw new BadParameterException("additionalInformation must be a string");
        }
        RejectionReason reason = reason(request.get("reason"), type, current);
        try {
            return new Rejection(rejectedBy(reason), reason, (String) info);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(e.getMessage());
        }
    }

    private static Map<?, ?> object(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        Map<?, ?> request;
        try {
            request = JsonSerialization.readValue(body, Map.class);
        } catch (IOException e) {
            throw new BadParameterException("the body must be a JSON object");
        }
        if (request == null) {
            // The JSON literal null: not an object either.
            throw new BadParameterException("the body must be a JSON object");
        }
        return request;
    }

    /** Without a reason it is the customer's own decision, named as the spec names it for this consent. */
    private static RejectionReason reason(Object requested, ConsentType type, ConsentStatus current) {
        if (requested == null) {
            return RejectionReason.customerDecline(type, current);
        }
        try {
            return RejectionReason.valueOf(String.valueOf(requested));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("unknown reason");
        }
    }

    /** The customer's own codes are recorded as rejected by the user; every other code by the bank. */
    private static RejectedBy rejectedBy(RejectionReason reason) {
        return switch (reason) {
            case CUSTOMER_MANUALLY_REJECTED, CUSTOMER_MANUALLY_REVOKED, REJEITADO_USUARIO -> RejectedBy.USER;
            default -> RejectedBy.ASPSP;
        };
    }
}
