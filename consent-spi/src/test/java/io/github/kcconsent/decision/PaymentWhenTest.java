package io.github.kcconsent.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.github.kcconsent.openbanking.payments.validation.AccountType;
import io.github.kcconsent.openbanking.payments.validation.Amount;
import io.github.kcconsent.openbanking.payments.validation.LocalInstrument;
import io.github.kcconsent.openbanking.payments.validation.Payment;
import io.github.kcconsent.openbanking.payments.validation.PaymentAccount;
import io.github.kcconsent.openbanking.payments.validation.PaymentDetails;
import io.github.kcconsent.openbanking.payments.validation.PaymentSchedule;
import io.github.kcconsent.openbanking.payments.validation.PaymentType;
import io.github.kcconsent.openbanking.payments.validation.Weekday;
import org.junit.jupiter.api.Test;

/** The payment screen's line saying when the money leaves, for each kind of payment. */
class PaymentWhenTest {

    static final LocalDate START = LocalDate.of(2026, 3, 2); // a Monday

    static Payment payment(LocalDate date, PaymentSchedule schedule) {
        return new Payment(PaymentType.PIX, "BRL", new Amount("10.00", new BigDecimal("10.00")), null, date, schedule,
                new PaymentDetails(LocalInstrument.MANU, null, null,
                        new PaymentAccount("12345678", "1774", "1234567890", AccountType.CACC)));
    }

    static PaymentWhen when(PaymentSchedule schedule) {
        return PaymentWhen.of(payment(null, schedule), Locale.ENGLISH);
    }

    @Test
    void anImmediatePaymentIsOnePaymentToday() {
        PaymentWhen when = PaymentWhen.of(payment(LocalDate.of(2026, 3, 1), null), PaymentFormatTest.PT_BR);
        assertEquals("immediate", when.getVariant());
        assertEquals(1, when.getQuantity());
        assertEquals("1 de março de 2026", when.getFirst());
        assertNull(when.getDescription());
    }

    @Test
    void aSingleScheduledPaymentShowsItsDay() {
        PaymentWhen when = when(new PaymentSchedule.Single(START));
        assertEquals("single", when.getVariant());
        assertEquals("March 2, 2026", when.getFirst());
    }

    @Test
    void aDailyScheduleShowsHowManyFromWhenUntilWhen() {
        PaymentWhen when = when(new PaymentSchedule.Daily(START, 5));
        assertEquals("daily", when.getVariant());
        assertEquals(5, when.getQuantity());
        assertEquals("March 2, 2026", when.getFirst());
        assertEquals("March 6, 2026", when.getLast());
    }

    @Test
    void aWeeklyScheduleShowsItsWeekdayAndStartsOnTheFirstSuchDay() {
        PaymentWhen when = when(new PaymentSchedule.Weekly(Weekday.SEXTA_FEIRA, START, 3));
        assertEquals("weekly", when.getVariant());
        assertEquals("SEXTA_FEIRA", when.getWeekday());
        assertEquals(3, when.getQuantity());
        assertEquals("March 6, 2026", when.getFirst());
        assertEquals("March 20, 2026", when.getLast());
    }

    @Test
    void aMonthlyScheduleShowsItsDayOfTheMonth() {
        PaymentWhen when = when(new PaymentSchedule.Monthly(31, START, 2));
        assertEquals("monthly", when.getVariant());
        assertEquals(31, when.getDayOfMonth());
        assertEquals("March 31, 2026", when.getFirst());
        assertEquals("April 30, 2026", when.getLast(), "a month without the 31st pays on its last day");
    }

    @Test
    void aCustomScheduleShowsTheNumberOfDatesItsSpanAndTheInitiatorsDescription() {
        PaymentWhen when = when(new PaymentSchedule.Custom(
                List.of(LocalDate.of(2026, 5, 1), START, LocalDate.of(2026, 4, 1)), "<b>Parcelas</b>"));
        assertEquals("custom", when.getVariant());
        assertEquals(3, when.getQuantity());
        assertEquals("March 2, 2026", when.getFirst(), "dates listed in any order");
        assertEquals("May 1, 2026", when.getLast());
        assertEquals("<b>Parcelas</b>", when.getDescription(), "kept as sent; the template escapes it");
    }
}
