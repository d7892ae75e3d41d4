package io.github.kcconsent.openbanking.payments.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What is paid and when: either an immediate payment on {@code date} (the consent's day) or a
 * {@code schedule}, never both.
 *
 * @param ibgeTownCode the creditor's town, for local holidays; null when not sent
 */
public record Payment(PaymentType type, String currency, Amount amount, String ibgeTownCode, LocalDate date,
                      PaymentSchedule schedule, PaymentDetails details) {

    public Payment {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(details, "details");
        if ((date == null) == (schedule == null)) {
            throw new IllegalArgumentException("a payment has a date or a schedule");
        }
    }

    public boolean isScheduled() {
        return schedule != null;
    }

    /**
     * True when this is an immediate payment whose day has ended in Brasília time at {@code now}: its Pix would be
     * for a day that has passed. A consent can outlive its day (created at 23:58, decided or consumed after
     * midnight); a schedule starts tomorrow at the earliest and cannot.
     */
    public boolean dayEnded(Instant now) {
        return date != null && date.isBefore(PaymentDates.brasiliaDate(now));
    }

    /** Every day a payment settles, ascending: the one date, or the schedule expanded. */
    public List<LocalDate> paymentDates() {
        return schedule == null ? List.of(date) : schedule.paymentDates();
    }
}
