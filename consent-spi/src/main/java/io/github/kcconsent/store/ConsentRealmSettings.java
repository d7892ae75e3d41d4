package io.github.kcconsent.store;

import java.time.Duration;
import java.util.Locale;

import io.github.kcconsent.consent.ConsentType;
import org.keycloak.models.RealmModel;

/**
 * Per-realm consent settings, kept as realm attributes (editable through the admin REST API and realm JSON).
 *
 * <ul>
 *   <li>{@code kcconsent.consentIdNamespace}: the NID in {@code urn:<nid>:<uuid>}; default: the realm name
 *       reduced to the characters the Open Finance pattern allows.</li>
 *   <li>{@code kcconsent.authorisationWindow.DATA_SHARING} / {@code .PAYMENT}: seconds a consent may wait for
 *       authorisation (defaults 3600 and 300).</li>
 *   <li>{@code kcconsent.consumptionWindow.PAYMENT}: seconds an authorised payment consent may wait to be
 *       consumed before it expires with {@code TEMPO_EXPIRADO_CONSUMO} (default 3600).</li>
 * </ul>
 * A value that is not a positive number of seconds falls back to the default.
 */
public final class ConsentRealmSettings {

    public static final String NAMESPACE_ATTRIBUTE = "kcconsent.consentIdNamespace";
    public static final String WINDOW_ATTRIBUTE_PREFIX = "kcconsent.authorisationWindow.";
    public static final String CONSUMPTION_WINDOW_ATTRIBUTE = "kcconsent.consumptionWindow.PAYMENT";
    public static final Duration DEFAULT_CONSUMPTION_WINDOW = Duration.ofMinutes(60);

    private static final String FALLBACK_NAMESPACE = "consent";

    private final RealmModel realm;

    public ConsentRealmSettings(RealmModel realm) {
        this.realm = realm;
    }

    public String consentIdNamespace() {
        String configured = realm.getAttribute(NAMESPACE_ATTRIBUTE);
        String candidate = configured != null && !configured.isBlank() ? configured : realm.getName();
        String cleaned = candidate.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
        cleaned = cleaned.replaceAll("^-+", "");
        if (cleaned.length() > 32) {
            cleaned = cleaned.substring(0, 32);
        }
        return cleaned.isEmpty() ? FALLBACK_NAMESPACE : cleaned;
    }

    public Duration authorisationWindow(ConsentType type) {
        return seconds(WINDOW_ATTRIBUTE_PREFIX + type.name(), type.defaultAuthorisationWindow());
    }

    /** How long an authorised payment consent stays consumable (Payments v4: 60 minutes). */
    public Duration consumptionWindow() {
        return seconds(CONSUMPTION_WINDOW_ATTRIBUTE, DEFAULT_CONSUMPTION_WINDOW);
    }

    private Duration seconds(String attribute, Duration fallback) {
        String value = realm.getAttribute(attribute);
        if (value != null && !value.isBlank()) {
            try {
                long seconds = Long.parseLong(value.trim());
                if (seconds > 0) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException ignored) {
                // an unparsable attribute falls back to the spec's window rather than disabling expiry
            }
        }
        return fallback;
    }
}
