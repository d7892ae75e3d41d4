package io.github.kcconsent.decision;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import io.github.kcconsent.openbanking.payments.validation.Payment;
import io.github.kcconsent.openbanking.payments.validation.PaymentSchedule;

/**
 * When the money leaves, as one line of the payment screen: the template picks the message
 * {@code kcConsentPaymentWhen_<variant>} and fills it from these getters (dates already formatted for the
 * locale). A plain class with getters, not a record: FreeMarker prints a bean's properties.
 * <ul>
 *   <li>{@code immediate}: today's payment, its date;</li>
 *   <li>{@code single}: one scheduled payment, its date;</li>
 *   <li>{@code daily}, {@code weekly}, {@code monthly}: how many payments, from which day (weekly: the weekday,
 *       monthly: the day of the month), and the last day;</li>
 *   <li>{@code custom}: how many payments, the first and last day, and the initiator's description.</li>
 * </ul>
 */
public final class PaymentWhen {

    private final String variant;
    private final int quantity;
    private final String first;
    private final String last;
    private final String weekday;
    private final int dayOfMonth;
    private final String description;

    private PaymentWhen(String variant, int quantity, String first, String last, String weekday, int dayOfMonth,
                        String description) {
        this.variant = variant;
        this.quantity = quantity;
        this.first = first;
        this.last = last;
        this.weekday = weekday;
        this.dayOfMonth = dayOfMonth;
        this.description = description;
    }

    static PaymentWhen of(Payment payment, Locale locale) {
        List<LocalDate> dates = payment.paymentDates();
        String first = PaymentFormat.date(dates.get(0), locale);
        String last = PaymentFormat.date(dates.get(dates.size() - 1), locale);
        PaymentSchedule schedule = payment.schedule();
        if (schedule == null) {
            return new PaymentWhen("immediate", 1, first, last, null, 0, null);
        }
        if (schedule instanceof PaymentSchedule.Weekly w) {
            return new PaymentWhen(w.variant(), dates.size(), first, last, w.dayOfWeek().name(), 0, null);
        }
        if (schedule instanceof PaymentSchedule.Monthly m) {
            return new PaymentWhen(m.variant(), dates.size(), first, last, null, m.dayOfMonth(), null);
        }
        if (schedule instanceof PaymentSchedule.Custom c) {
            return new PaymentWhen(c.variant(), dates.size(), first, last, null, 0, c.additionalInformation());
        }
        // single and daily: how many and from when say it all
        return new PaymentWhen(schedule.variant(), dates.size(), first, last, null, 0, null);
    }

    /** immediate, single, daily, weekly, monthly or custom. */
    public String getVariant() {
        return variant;
    }

    /** How many payments. */
    public int getQuantity() {
        return quantity;
    }

    /** The first (or only) payment's day, formatted. */
    public String getFirst() {
        return first;
    }

    /** The last payment's day, formatted. */
    public String getLast() {
        return last;
    }

    /** Weekly: the spec's day name (SEGUNDA_FEIRA …), a message key suffix; else null. */
    public String getWeekday() {
        return weekday;
    }

    /** Monthly: the day of the month; else 0. */
    public int getDayOfMonth() {
        return dayOfMonth;
    }

    /** Custom: the initiator's description of the plan, shown as text; else null. */
    public String getDescription() {
        return description;
    }
}
