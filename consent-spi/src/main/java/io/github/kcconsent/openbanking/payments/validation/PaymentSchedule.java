package io.github.kcconsent.openbanking.payments.validation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A scheduled payment, one variant per key of the spec's {@code schedule} object. {@link #paymentDates()}
 * expands any variant into the days its payments settle; it is pure, so the payment screen, the limits and
 * the consumption checks all see the same days.
 */
public sealed interface PaymentSchedule {

    /** The days payments settle, ascending and without repeats. */
    List<LocalDate> paymentDates();

    /** The spec's key for this variant ({@code single}, {@code daily}, …). */
    String variant();

    /** One payment on a later day. */
    record Single(LocalDate date) implements PaymentSchedule {

        public Single {
            Objects.requireNonNull(date, "date");
        }

        @Override
        public List<LocalDate> paymentDates() {
            return List.of(date);
        }

        @Override
        public String variant() {
            return "single";
        }
    }

    /** {@code quantity} payments on consecutive days from {@code startDate}. */
    record Daily(LocalDate startDate, int quantity) implements PaymentSchedule {

        public Daily {
            Objects.requireNonNull(startDate, "startDate");
            requirePositive(quantity);
        }

        @Override
        public List<LocalDate> paymentDates() {
            List<LocalDate> dates = new ArrayList<>(quantity);
            for (int i = 0; i < quantity; i++) {
                dates.add(startDate.plusDays(i));
            }
            return List.copyOf(dates);
        }

        @Override
        public String variant() {
            return "daily";
        }
    }

    /** {@code quantity} payments on {@code dayOfWeek}, the first on or after {@code startDate}. */
    record Weekly(Weekday dayOfWeek, LocalDate startDate, int quantity) implements PaymentSchedule {

        public Weekly {
            Objects.requireNonNull(dayOfWeek, "dayOfWeek");
            Objects.requireNonNull(startDate, "startDate");
            requirePositive(quantity);
        }

        @Override
        public List<LocalDate> paymentDates() {
            LocalDate first = startDate.with(TemporalAdjusters.nextOrSame(dayOfWeek.day()));
            List<LocalDate> dates = new ArrayList<>(quantity);
            for (int i = 0; i < quantity; i++) {
                dates.add(first.plusWeeks(i));
            }
            return List.copyOf(dates);
        }

        @Override
        public String variant() {
            return "weekly";
        }
    }

    /**
     * {@code quantity} payments on {@code dayOfMonth}, the first on or after {@code startDate}. In a month
     * too short for that day (the 31st in April, the 29th in most Februaries) the payment falls on the
     * month's last day, so the schedule keeps one payment a month.
     */
    record Monthly(int dayOfMonth, LocalDate startDate, int quantity) implements PaymentSchedule {

        public Monthly {
            if (dayOfMonth < 1 || dayOfMonth > 31) {
                throw new IllegalArgumentException("dayOfMonth is 1 to 31");
            }
            Objects.requireNonNull(startDate, "startDate");
            requirePositive(quantity);
        }

        @Override
        public List<LocalDate> paymentDates() {
            YearMonth month = YearMonth.from(startDate);
            if (dayIn(month).isBefore(startDate)) {
                month = month.plusMonths(1);
            }
            List<LocalDate> dates = new ArrayList<>(quantity);
            for (int i = 0; i < quantity; i++) {
                dates.add(dayIn(month.plusMonths(i)));
            }
            return List.copyOf(dates);
        }

        @Override
        public String variant() {
            return "monthly";
        }

        private LocalDate dayIn(YearMonth month) {
            return month.atDay(Math.min(dayOfMonth, month.lengthOfMonth()));
        }
    }

    /**
     * Payments on the listed days, which are distinct; {@code additionalInformation} is the initiator's own
     * description of the plan, for the payer to read.
     */
    record Custom(List<LocalDate> dates, String additionalInformation) implements PaymentSchedule {

        public Custom {
            dates = List.copyOf(dates);
            Objects.requireNonNull(additionalInformation, "additionalInformation");
            if (dates.stream().distinct().count() != dates.size()) {
                throw new IllegalArgumentException("custom dates are distinct");
            }
        }

        /** The listed days, sorted: the request may list them in any order. */
        @Override
        public List<LocalDate> paymentDates() {
            return dates.stream().sorted().toList();
        }

        @Override
        public String variant() {
            return "custom";
        }
    }

    private static void requirePositive(int quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity is positive");
        }
    }
}
