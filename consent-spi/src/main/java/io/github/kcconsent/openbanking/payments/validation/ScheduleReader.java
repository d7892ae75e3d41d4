package io.github.kcconsent.openbanking.payments.validation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * {@code payment.schedule}: exactly one of its five variants, then the date rules. Every scheduled payment
 * settles on a later day than the consent's (today's payment is an immediate one, with {@code date});
 * {@code single} reaches at most D+730 as the spec says for it, and every other variant ends within the two
 * calendar years the spec gives the whole consent. At most 60 payments follows from the variants' own limits
 * (quantity 2..60, monthly 2..24, custom 2..60 dates).
 */
final class ScheduleReader {

    static final List<String> VARIANTS = List.of("single", "daily", "weekly", "monthly", "custom");
    private static final int MAX_PAYMENTS = 60;
    private static final int MAX_MONTHLY_PAYMENTS = 24;
    private static final Pattern ANY_TEXT = Pattern.compile(".*", Pattern.DOTALL);
    private static final int ADDITIONAL_INFORMATION_MAX = 255;

    private ScheduleReader() {
    }

    /** @return the one variant key the schedule holds, or null (and an error) when it holds none or several */
    static String variant(FieldReader reader, JsonObjectAt schedule) {
        if (schedule == null) {
            return null;
        }
        List<String> present = VARIANTS.stream().filter(schedule.node()::has).toList();
        if (present.size() != 1) {
            reader.errors().invalid(schedule.path(),
                    "deve conter exatamente um de single, daily, weekly, monthly ou custom");
            return null;
        }
        return present.get(0);
    }

    static PaymentSchedule read(FieldReader reader, JsonObjectAt schedule, String variant, LocalDate today) {
        JsonObjectAt body = reader.object(schedule, variant, true);
        if (body == null) {
            return null;
        }
        PaymentSchedule read = switch (variant) {
            case "single" -> single(reader, body);
            case "daily" -> daily(reader, body);
            case "weekly" -> weekly(reader, body);
            case "monthly" -> monthly(reader, body);
            default -> custom(reader, body);
        };
        return read == null ? null : ScheduleDates.check(reader.errors(), body, read, today);
    }

    private static PaymentSchedule single(FieldReader reader, JsonObjectAt body) {
        LocalDate date = reader.date(body, "date", true);
        return date == null ? null : new PaymentSchedule.Single(date);
    }

    private static PaymentSchedule daily(FieldReader reader, JsonObjectAt body) {
        LocalDate start = reader.date(body, "startDate", true);
        Integer quantity = reader.integer(body, "quantity", 2, MAX_PAYMENTS);
        return start == null || quantity == null ? null : new PaymentSchedule.Daily(start, quantity);
    }

    private static PaymentSchedule weekly(FieldReader reader, JsonObjectAt body) {
        Weekday day = reader.constant(body, "dayOfWeek", Weekday.class);
        LocalDate start = reader.date(body, "startDate", true);
        Integer quantity = reader.integer(body, "quantity", 2, MAX_PAYMENTS);
        return day == null || start == null || quantity == null ? null
                : new PaymentSchedule.Weekly(day, start, quantity);
    }

    private static PaymentSchedule monthly(FieldReader reader, JsonObjectAt body) {
        Integer day = reader.integer(body, "dayOfMonth", 1, 31);
        LocalDate start = reader.date(body, "startDate", true);
        Integer quantity = reader.integer(body, "quantity", 2, MAX_MONTHLY_PAYMENTS);
        return day == null || start == null || quantity == null ? null
                : new PaymentSchedule.Monthly(day, start, quantity);
    }

    /** Repeated dates are refused as the spec says ({@code PARAMETRO_INVALIDO}), at the first repetition. */
    private static PaymentSchedule custom(FieldReader reader, JsonObjectAt body) {
        ArrayNode items = reader.array(body, "dates", 2, MAX_PAYMENTS);
        String information = reader.text(body, "additionalInformation", true, ANY_TEXT, ADDITIONAL_INFORMATION_MAX);
        if (items == null) {
            return null;
        }
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            dates.add(reader.date(items.get(i), body.child("dates") + "[" + i + "]"));
        }
        if (dates.contains(null)) {
            return null;
        }
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < dates.size(); i++) {
            if (!seen.add(dates.get(i))) {
                reader.errors().rule(PaymentErrorCode.PARAMETRO_INVALIDO, body.child("dates") + "[" + i + "]",
                        "repete uma data já listada");
                return null;
            }
        }
        return information == null ? null : new PaymentSchedule.Custom(dates, information);
    }
}
