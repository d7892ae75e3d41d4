package io.github.kcconsent.backoffice;

import java.util.Map;

import io.github.kcconsent.consent.Consent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * What the back office changed, as Keycloak admin events (Realm settings → Events → Admin events; the admin
 * events store and every event listener, so a bank's SIEM export sees them): resource type
 * {@value #RESOURCE_TYPE}, operation {@code ACTION}, the request's path as resource path, and as
 * representation (when the realm includes representations) what was done, to which consent, with which outcome.
 * Never a document, a name or an account: those are the customer's personal data. Who did it is the event's
 * own {@code authDetails}.
 */
final class BackofficeAudit {

    static final String RESOURCE_TYPE = "KCC_CONSENT";

    /** The representation of one back-office action. */
    record Action(String action, String consentId, String type, String status, String reason, String eventId) {
    }

    private final AdminEventBuilder events;

    BackofficeAudit(AdminEventBuilder events) {
        this.events = events;
    }

    void revoked(Consent consent) {
        record(new Action("revoke", consent.id(), consent.type().name(), consent.status().name(),
                consent.rejection() == null ? null : consent.rejection().reason().name(), null));
    }

    void consumed(Consent consent) {
        record(new Action("consume", consent.id(), consent.type().name(), consent.status().name(), null, null));
    }

    /** The erasure names the user (a pseudonymous id, not personal data like a name) and how many consents. */
    void erased(String userId, int consents) {
        record(new Action("erase", null, null, null, null, null), "consents/erasure",
                Map.of("userId", userId, "erasedConsents", consents));
    }

    void redelivered(String consentId, String eventId) {
        record(new Action("redeliver-webhook", consentId, null, null, null, eventId));
    }

    private void record(Action action) {
        record(action, pathOf(action), action);
    }

    private void record(Action action, String path, Object representation) {
        if (events == null) {
            return;
        }
        events.operation(OperationType.ACTION).resource(RESOURCE_TYPE)
                .resourcePath(path)
                .representation(representation)
                .detail("kcconsent_action", action.action())
                .detail("consent_id", action.consentId())
                .success();
    }

    private static String pathOf(Action action) {
        return switch (action.action()) {
            case "revoke" -> "consents/" + action.consentId() + "/revoke";
            case "consume" -> "consents/" + action.consentId() + "/consume";
            default -> "consents/" + action.consentId() + "/webhooks/" + action.eventId() + "/redeliver";
        };
    }
}
