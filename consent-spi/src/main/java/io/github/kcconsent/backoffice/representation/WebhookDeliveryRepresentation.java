package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.webhook.WebhookDelivery;

/**
 * One webhook event of a consent and where its delivery stands.
 *
 * @param lastStatus the receiver's HTTP status at the last attempt; absent before the first answer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookDeliveryRepresentation(
        @JsonProperty("eventId") String eventId,
        @JsonProperty("type") String type,
        @JsonProperty("state") String state,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("createdAt") String createdAt,
        @JsonProperty("nextAttemptAt") String nextAttemptAt,
        @JsonProperty("lastAttemptAt") String lastAttemptAt,
        @JsonProperty("lastStatus") Integer lastStatus,
        @JsonProperty("lastError") String lastError,
        @JsonProperty("deliveredAt") String deliveredAt) {

    public static WebhookDeliveryRepresentation of(WebhookDelivery delivery) {
        return new WebhookDeliveryRepresentation(delivery.eventId(), delivery.type(), delivery.state(),
                delivery.attempts(), Timestamps.iso(delivery.createdAt()), Timestamps.iso(delivery.nextAttemptAt()),
                Timestamps.iso(delivery.lastAttemptAt()), delivery.lastStatus(), delivery.lastError(),
                Timestamps.iso(delivery.deliveredAt()));
    }
}
