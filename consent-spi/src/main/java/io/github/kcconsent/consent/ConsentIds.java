package io.github.kcconsent.consent;

import java.util.regex.Pattern;

/**
 * The shape of a consent id as the Open Finance specs define it ({@code consentId}: a URN of 6 to 256
 * characters). Every id this extension issues has it ({@code urn:<namespace>:<uuid>}); an id without it cannot
 * name a consent, so a caller can answer it as a bad request before anything is looked up.
 */
public final class ConsentIds {

    public static final int MIN_LENGTH = 6;
    public static final int MAX_LENGTH = 256;

    private static final Pattern PATTERN =
            Pattern.compile("^urn:[a-zA-Z0-9][a-zA-Z0-9-]{0,31}:[a-zA-Z0-9()+,\\-.:=@;$_!*'%/?#]+$");

    private ConsentIds() {
    }

    public static boolean isWellFormed(String id) {
        return id != null && id.length() >= MIN_LENGTH && id.length() <= MAX_LENGTH && PATTERN.matcher(id).matches();
    }
}
