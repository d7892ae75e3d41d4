package io.github.kcconsent.openbanking.api;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code x-fapi-interaction-id} of one exchange. The spec wants it echoed when the partner sent a valid
 * UUID; when it is missing or invalid the server makes one up, returns it, and answers 400. So the id to
 * return is known before anything else is checked, and {@link #valid()} says whether the request may go on.
 */
public record InteractionId(String value, boolean valid) {

    public static final String HEADER = "x-fapi-interaction-id";

    private static final Pattern UUID_PATTERN =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    /** @param received every value of the header in the request (null or empty when absent) */
    public static InteractionId of(List<String> received) {
        if (received != null && received.size() == 1) {
            String value = received.get(0);
            if (value != null && UUID_PATTERN.matcher(value).matches()) {
                return new InteractionId(value, true);
            }
        }
        // Absent, repeated or not a UUID: never echo it (it could be anything), generate a fresh one.
        return new InteractionId(UUID.randomUUID().toString(), false);
    }
}
