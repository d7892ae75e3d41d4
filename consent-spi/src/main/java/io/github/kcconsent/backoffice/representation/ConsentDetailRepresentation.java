package io.github.kcconsent.backoffice.representation;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.StatusChange;
import io.github.kcconsent.webhook.WebhookDelivery;
import org.keycloak.util.JsonSerialization;

/**
 * Everything about one consent: the summary's fields first (unwrapped, so a detail is a summary with more),
 * then the decrypted personal data, the selected resources, the rejection (absent while the consent has not
 * ended), the full history and the webhook deliveries.
 *
 * @param sessionMetadata the partner's session metadata as JSON, or the stored text if it is not JSON
 * @param payment         a payment consent's details, typed
 * @param paymentDetails  stored payment details that do not read as a payment consent's (absent otherwise),
 *                        as JSON or, if not JSON, as the stored text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentDetailRepresentation(
        @JsonUnwrapped ConsentSummaryRepresentation summary,
        @JsonProperty("username") String username,
        @JsonProperty("authorisationDeadline") String authorisationDeadline,
        @JsonProperty("loggedUserDocument") String loggedUserDocument,
        @JsonProperty("businessEntityDocument") String businessEntityDocument,
        @JsonProperty("sessionMetadata") Object sessionMetadata,
        @JsonProperty("payment") PaymentRepresentation payment,
        @JsonProperty("paymentDetails") Object paymentDetails,
        @JsonProperty("resources") List<ConsentResourceRepresentation> resources,
        @JsonProperty("rejection") RejectionRepresentation rejection,
        @JsonProperty("history") List<StatusChangeRepresentation> history,
        @JsonProperty("webhookDeliveries") List<WebhookDeliveryRepresentation> webhookDeliveries) {

    /**
     * @param clientId the partner's {@code clientId}, null if the client no longer exists
     * @param username the customer's username, null while the consent has no user or the user is gone
     * @param now      the instant the effective status and rejection are taken at
     */
    public static ConsentDetailRepresentation of(Consent consent, String clientId, String username,
                                                 List<StatusChange> history, List<WebhookDelivery> deliveries,
                                                 Instant now) {
        PaymentRepresentation payment = PaymentRepresentation.read(consent).map(PaymentRepresentation::of).orElse(null);
        return new ConsentDetailRepresentation(
                ConsentSummaryRepresentation.of(consent, clientId, now),
                username,
                Timestamps.iso(consent.authorisationDeadline()),
                consent.loggedUserDocument(),
                consent.businessEntityDocument(),
                json(consent.sessionMetadata()),
                payment,
                payment == null ? json(consent.paymentDetails()) : null,
                consent.resources().stream().map(ConsentResourceRepresentation::of).toList(),
                RejectionRepresentation.of(consent.effectiveRejection(now)),
                history.stream().map(StatusChangeRepresentation::of).toList(),
                deliveries.stream().map(WebhookDeliveryRepresentation::of).toList());
    }

    /**
     * Stored JSON shown as JSON, not as a string holding JSON. What does not parse (it was stored as the partner
     * sent it) is shown as the text it is, rather than failing the whole detail.
     */
    static Object json(String value) {
        if (value == null) {
            return null;
        }
        try {
            return JsonSerialization.readValue(value, Object.class);
        } catch (IOException e) {
            return value;
        }
    }
}
