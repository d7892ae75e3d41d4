package io.github.kcconsent.backoffice.representation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.receipt.ConsentReceipt;

/** Every receipt of one consent, oldest first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptsRepresentation(
        @JsonProperty("consentId") String consentId,
        @JsonProperty("receipts") List<ReceiptRepresentation> receipts) {

    public static ReceiptsRepresentation of(String consentId, List<ConsentReceipt> receipts) {
        return new ReceiptsRepresentation(consentId, receipts.stream().map(ReceiptRepresentation::of).toList());
    }
}
