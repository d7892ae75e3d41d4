package io.github.kcconsent.openbanking.payments.validation;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PaymentScheduleTest {

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    @Test
    void aSingleScheduleIsItsOneDate() {
        assertEquals(List.of(d("2026-03-02")), new PaymentSchedule.Single(d("2026-03-02")).paymentDates());
    }

    @Test
    void aDailyScheduleRunsOnConsecutiveDaysAcrossMonthEnds() {
        assertEquals(List.of(d("2026-02-27"), d("2026-02-28"), d("2026-03-01")),
                new PaymentSchedule.Daily(d("2026-02-27"), 3).paymentDates());
    }

    @Test
    void aWeeklyScheduleStartsOnTheFirstMatchingDayOnOrAfterItsStart() {
        // 2026-03-02 is a Monday.
        assertEquals(List.of(d("2026-03-05"), d("2026-03-12")),
                new PaymentSchedule.Weekly(Weekday.QUINTA_FEIRA, d("2026-03-02"), 2).paymentDates());
        assertEquals(List.of(d("2026-03-02"), d("2026-03-09"), d("2026-03-16")),
                new PaymentSchedule.Weekly(Weekday.SEGUNDA_FEIRA, d("2026-03-02"), 3).paymentDates());
        assertEquals(d("2026-03-08"),
                new PaymentSchedule.Weekly(Weekday.DOMINGO, d("2026-03-02"), 2).paymentDates().get(0));
    }

    @Test
    void aMonthlyScheduleStartsInTheNextMonthWhenItsDayHasPassed() {
        assertEquals(List.of(d("2026-03-10"), d("2026-04-10")),
                new PaymentSchedule.Monthly(10, d("2026-03-02"), 2).paymentDates());
        assertEquals(List.of(d("2026-04-01"), d("2026-05-01")),
                new PaymentSchedule.Monthly(1, d("2026-03-02"), 2).paymentDates());
        assertEquals(List.of(d("2026-03-02"), d("2026-04-02")),
                new PaymentSchedule.Monthly(2, d("2026-03-02"), 2).paymentDates());
    }

    @Test
    void aMonthlyDayMissingFromAMonthFallsOnThatMonthsLastDay() {
        assertEquals(List.of(d("2026-01-31"), d("2026-02-28"), d("2026-03-31"), d("2026-04-30")),
                new PaymentSchedule.Monthly(31, d("2026-01-31"), 4).paymentDates());
        assertEquals(List.of(d("2028-01-29"), d("2028-02-29"), d("2028-03-29")),
                new PaymentSchedule.Monthly(29, d("2028-01-02"), 3).paymentDates());
        // Started on 28 February, day 30 still falls in February (its last day) and not in March.
        assertEquals(List.of(d("2026-02-28"), d("2026-03-30")),
                new PaymentSchedule.Monthly(30, d("2026-02-28"), 2).paymentDates());
    }

    @Test
    void aCustomScheduleIsItsDatesSortedAndMayNotRepeatOne() {
        PaymentSchedule.Custom custom = new PaymentSchedule.Custom(
                List.of(d("2026-05-01"), d("2026-03-10")), "duas parcelas");
        assertEquals(List.of(d("2026-03-10"), d("2026-05-01")), custom.paymentDates());
        assertEquals(List.of(d("2026-05-01"), d("2026-03-10")), custom.dates());
        assertThrows(IllegalArgumentException.class, () -> new PaymentSchedule.Custom(
                List.of(d("2026-05-01"), d("2026-05-01")), ""));
    }

    @Test
    void theExpansionHasQuantityDatesForEveryRecurrence() {
        assertEquals(60, new PaymentSchedule.Daily(d("2026-03-02"), 60).paymentDates().size());
        assertEquals(60, new PaymentSchedule.Weekly(Weekday.SABADO, d("2026-03-02"), 60).paymentDates().size());
        List<LocalDate> monthly = new PaymentSchedule.Monthly(15, d("2026-03-02"), 24).paymentDates();
        assertEquals(24, monthly.size());
        assertEquals(d("2028-02-15"), monthly.get(23));
    }
}
