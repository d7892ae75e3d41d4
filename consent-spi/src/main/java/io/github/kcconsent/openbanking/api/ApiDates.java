package io.github.kcconsent.openbanking.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The API's one date format: RFC 3339, UTC, "Z", whole seconds ({@code 2021-05-21T08:30:00Z}). */
public final class ApiDates {

    /**
     * The spec's own pattern for request dates. It lets month and day have one digit, so we accept what the
     * contract accepts and let the calendar decide the rest (31 February is refused by {@link #parse}).
     */
    private static final Pattern SPEC_PATTERN = Pattern.compile(
            "^(\\d{4})-(1[0-2]|0?[1-9])-(3[01]|[12][0-9]|0?[1-9])T([01]\\d|2[0123]):([012345]\\d):([012345]\\d)Z$");
    public static final int MAX_LENGTH = 20;

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ApiDates() {
    }

    /** Formats without fractions (the schema's maxLength is 20). */
    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** @return the instant, or null when {@code value} does not follow the pattern or is not a calendar date */
    public static Instant parse(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return null;
        }
        Matcher m = SPEC_PATTERN.matcher(value);
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)))
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
