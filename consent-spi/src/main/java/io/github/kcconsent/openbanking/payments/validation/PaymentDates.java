package io.github.kcconsent.openbanking.payments.validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment dates are calendar days in Brasília time (the spec reasons about every payment date there), written
 * with the spec's date pattern.
 */
public final class PaymentDates {

    /**
     * Brasília's legal time. A zone rather than a fixed -03:00 so that the JDK's time-zone data follows the law
     * should daylight saving time come back.
     */
    public static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");

    /** A single scheduled payment lies at most this many days after the consent's day. */
    static final int SINGLE_MAX_DAYS_AHEAD = 730;

    /** Every other schedule ends at most this many calendar years after the consent's day. */
    static final int SCHEDULE_MAX_YEARS = 2;

    /** The spec's pattern: like ApiDates it lets month and day have one digit; the calendar decides the rest. */
    private static final Pattern SPEC_PATTERN =
            Pattern.compile("^(\\d{4})-(1[0-2]|0?[1-9])-(3[01]|[12][0-9]|0?[1-9])$");
    private static final int MAX_LENGTH = 10;

    private PaymentDates() {
    }

    /** The day in Brasília at {@code instant}: "today" for a consent created then. */
    public static LocalDate brasiliaDate(Instant instant) {
        return instant.atZone(BRASILIA).toLocalDate();
    }

    /** @return the date, or null when {@code value} does not follow the pattern or is not a calendar date */
    static LocalDate parse(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return null;
        }
        Matcher m = SPEC_PATTERN.matcher(value);
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
