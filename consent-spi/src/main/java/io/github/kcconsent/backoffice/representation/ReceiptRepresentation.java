package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.receipt.ConsentReceipt;

/** One signed receipt: what it is about, and the compact JWT itself ({@code receipt}) as the partner got it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptRepresentation(
        @JsonProperty("receiptId") String receiptId,
        @JsonProperty("event") String event,
        @JsonProperty("issuedAt") String issuedAt,
        @JsonProperty("historySeal") String historySeal,
        @JsonProperty("receipt") String receipt) {

    public static ReceiptRepresentation of(ConsentReceipt r) {
        return new ReceiptRepresentation(r.id(), r.event().name(), Timestamps.iso(r.issuedAt()), r.historySeal(), r.token());
    }
}
