package io.github.kcconsent.link;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import io.github.kcconsent.clientsettings.ClientConsentSettings;
import io.github.kcconsent.link.validation.ConsentLinkPolicy;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;

/**
 * Consent-link settings. The client's own settings come from {@link ClientConsentSettings} (its settings mapper
 * if it has one, its client attributes otherwise); the realm's are realm attributes:
 *
 * <ul>
 *   <li>client {@code kcconsent.link.enabled}: {@code true} to accept consent links from this client (default off)</li>
 *   <li>client {@code kcconsent.link.algorithms}: from RS256 and PS256 (default RS256)</li>
 *   <li>client / realm {@code kcconsent.link.maxLifetimeSeconds}: at most 7200 (default 7200); the lower wins</li>
 *   <li>realm {@code kcconsent.link.audience}: the {@code aud} links must carry (default the realm issuer URL)</li>
 * </ul>
 */
public final class ConsentLinkSettings {

    public static final String ENABLED = ClientConsentSettings.LINK_ENABLED;
    public static final String ALGORITHMS = ClientConsentSettings.LINK_ALGORITHMS;
    public static final String MAX_LIFETIME = ClientConsentSettings.LINK_MAX_LIFETIME;
    public static final String AUDIENCE = "kcconsent.link.audience";

    static final Duration HARD_MAX_LIFETIME = Duration.ofSeconds(ClientConsentSettings.MAX_LINK_LIFETIME_SECONDS);
    /** Links travel in a URL: 6 KiB is generous for a signed link and under the server's 8 KiB request-line limit. */
    static final int MAX_TOKEN_LENGTH = 6144;

    private ConsentLinkSettings() {
    }

    public static boolean enabled(ClientModel client) {
        return ClientConsentSettings.of(client).linkEnabled();
    }

    public static ConsentLinkPolicy policy(RealmModel realm, ClientModel client, String issuerUrl) {
        ClientConsentSettings settings = ClientConsentSettings.of(client);
        Duration lifetime = HARD_MAX_LIFETIME;
        lifetime = lower(lifetime, realm.getAttribute(MAX_LIFETIME));
        OptionalLong clientCap = settings.linkMaxLifetimeSeconds();
        if (clientCap.isPresent() && clientCap.getAsLong() < lifetime.getSeconds()) {
            lifetime = Duration.ofSeconds(clientCap.getAsLong());
        }
        String audience = realm.getAttribute(AUDIENCE);
        return ConsentLinkPolicy.defaults(audience == null || audience.isBlank() ? issuerUrl : audience.trim())
                .withAllowedAlgorithms(algorithms(settings.linkAlgorithms()))
                .withMaxLifetime(lifetime)
                .withMaxTokenLength(MAX_TOKEN_LENGTH);
    }

    public static String issuer(KeycloakSession session, RealmModel realm) {
        return Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName());
    }

    private static Set<JWSAlgorithm> algorithms(Set<String> names) {
        Set<JWSAlgorithm> out = new LinkedHashSet<>();
        for (String name : names) {
            // ClientConsentSettings only passes its own allow-list; anything else is ignored rather than trusted.
            if (ClientConsentSettings.LINK_ALGORITHM_NAMES.contains(name)) {
                out.add(JWSAlgorithm.parse(name));
            }
        }
        return out.isEmpty() ? Set.of(JWSAlgorithm.parse(ClientConsentSettings.DEFAULT_LINK_ALGORITHM)) : Set.copyOf(out);
    }

    private static Duration lower(Duration current, String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return current;
        }
        try {
            long value = Long.parseLong(seconds.trim());
            return value > 0 && value < current.getSeconds() ? Duration.ofSeconds(value) : current;
        } catch (NumberFormatException e) {
            return current;
        }
    }
}
