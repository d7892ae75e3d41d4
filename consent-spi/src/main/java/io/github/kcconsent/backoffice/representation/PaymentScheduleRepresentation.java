package io.github.kcconsent.backoffice.representation;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.openbanking.payments.validation.PaymentSchedule;

/**
 * A scheduled payment: the spec's variant ({@code single}, {@code daily}, {@code weekly}, {@code monthly},
 * {@code custom}) and every day a payment of it settles, expanded by the same rule the consent was validated
 * with, so the payment system compares a payment's date with a list rather than re-implementing the schedule.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentScheduleRepresentation(
        @JsonProperty("variant") String variant,
        @JsonProperty("paymentDates") List<String> paymentDates) {

    public static PaymentScheduleRepresentation of(PaymentSchedule schedule) {
        if (schedule == null) {
            return null;
        }
        return new PaymentScheduleRepresentation(schedule.variant(),
                schedule.paymentDates().stream().map(LocalDate::toString).toList());
    }
}
