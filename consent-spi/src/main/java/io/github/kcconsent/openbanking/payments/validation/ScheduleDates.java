package io.github.kcconsent.openbanking.payments.validation;

import java.time.LocalDate;
import java.util.List;

/**
 * The date rules of a well-formed schedule, all {@code DATA_PAGAMENTO_INVALIDA}, each naming the field that
 * takes the schedule out of range.
 */
final class ScheduleDates {

    private ScheduleDates() {
    }

    /** @return the schedule, or null after recording why its dates are not acceptable */
    static PaymentSchedule check(ErrorCollector errors, JsonObjectAt body, PaymentSchedule schedule,
                                 LocalDate today) {
        LocalDate first = today.plusDays(1);
        boolean fine;
        if (schedule instanceof PaymentSchedule.Single single) {
            fine = single(errors, body, single.date(), first, today.plusDays(PaymentDates.SINGLE_MAX_DAYS_AHEAD));
        } else if (schedule instanceof PaymentSchedule.Custom custom) {
            fine = custom(errors, body, custom.dates(), first, twoYearsFrom(today));
        } else {
            fine = recurrence(errors, body, schedule, first, twoYearsFrom(today));
        }
        return fine ? schedule : null;
    }

    static LocalDate twoYearsFrom(LocalDate today) {
        return today.plusYears(PaymentDates.SCHEDULE_MAX_YEARS);
    }

    private static boolean single(ErrorCollector errors, JsonObjectAt body, LocalDate date, LocalDate first,
                                  LocalDate last) {
        if (date.isBefore(first) || date.isAfter(last)) {
            errors.rule(PaymentErrorCode.DATA_PAGAMENTO_INVALIDA, body.child("date"),
                    "deve ficar entre o dia seguinte e 730 dias após a criação do consentimento");
            return false;
        }
        return true;
    }

    /** Reports the first date out of range only: one error says enough about the list. */
    private static boolean custom(ErrorCollector errors, JsonObjectAt body, List<LocalDate> dates,
                                  LocalDate first, LocalDate last) {
        for (int i = 0; i < dates.size(); i++) {
            LocalDate date = dates.get(i);
            if (date.isBefore(first) || date.isAfter(last)) {
                errors.rule(PaymentErrorCode.DATA_PAGAMENTO_INVALIDA, body.child("dates") + "[" + i + "]",
                        "deve ficar entre o dia seguinte e dois anos após a criação do consentimento");
                return false;
            }
        }
        return true;
    }

    /** daily, weekly, monthly: the start in the future, the last payment within two years. */
    private static boolean recurrence(ErrorCollector errors, JsonObjectAt body, PaymentSchedule schedule,
                                      LocalDate first, LocalDate last) {
        if (startDate(schedule).isBefore(first)) {
            errors.rule(PaymentErrorCode.DATA_PAGAMENTO_INVALIDA, body.child("startDate"),
                    "deve ser posterior ao dia da criação do consentimento (horário de Brasília)");
            return false;
        }
        List<LocalDate> dates = schedule.paymentDates();
        if (dates.get(dates.size() - 1).isAfter(last)) {
            errors.rule(PaymentErrorCode.DATA_PAGAMENTO_INVALIDA, body.path(),
                    "o último pagamento passa de dois anos após a criação do consentimento");
            return false;
        }
        return true;
    }

    private static LocalDate startDate(PaymentSchedule schedule) {
        if (schedule instanceof PaymentSchedule.Daily daily) {
            return daily.startDate();
        }
        if (schedule instanceof PaymentSchedule.Weekly weekly) {
            return weekly.startDate();
        }
        return ((PaymentSchedule.Monthly) schedule).startDate();
    }
}
