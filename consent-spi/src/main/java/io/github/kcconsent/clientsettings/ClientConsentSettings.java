package io.github.kcconsent.clientsettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ProtocolMapperModel;

/**
 * Where a client's consent settings come from: the single resolution rule, used by the consent link and by
 * webhooks alike.
 *
 * <ul>
 *   <li>A client that has a {@value ClientConsentSettingsMapper#PROVIDER_ID} protocol mapper (Clients → client →
 *       Client scopes → {@code <client>-dedicated} → Add mapper → By configuration → "Consent settings
 *       (kc-consent)") takes <em>all</em> its consent settings from that mapper; its {@code kcconsent.*}
 *       attributes are then ignored.</li>
 *   <li>A client without one keeps using its client attributes (admin REST API, realm JSON), as before.</li>
 *   <li>Only mappers on the client itself count; one in a shared client scope is ignored (the console refuses to
 *       add it there). A client with more than one (possible only through realm import or client creation, which
 *       skip the console's checks) is ambiguous: consent links and webhooks are off for it until one is removed.</li>
 * </ul>
 *
 * Both sources use the same keys and the same parsing; the values are read leniently here (an imported,
 * never-validated value can only switch something off or fall back to the safe default) and strictly when an
 * administrator saves the mapper ({@link ClientConsentSettingsValidator}).
 */
public final class ClientConsentSettings {

    public static final String LINK_ENABLED = "kcconsent.link.enabled";
    public static final String LINK_ALGORITHMS = "kcconsent.link.algorithms";
    public static final String LINK_MAX_LIFETIME = "kcconsent.link.maxLifetimeSeconds";
    public static final String WEBHOOK_ENABLED = "kcconsent.webhook.enabled";
    public static final String WEBHOOK_URL = "kcconsent.webhook.url";
    /**
     * The payment initiator's Open Finance webhook base URI (its registered {@code webhook_uris} entry): payment
     * consent notifications go to {@code <base>/open-banking/webhook/v1/payments/v4/consents/{consentId}}. A
     * setting of its own because {@link #WEBHOOK_URL} is the full address of the signed events.
     */
    public static final String WEBHOOK_OPEN_FINANCE_BASE_URI = "kcconsent.webhook.openFinanceBaseUri";
    /**
     * The partner's Directory organisation id: the {@code iss} of its signed Payments API requests and the
     * {@code aud} of our signed answers.
     */
    public static final String ORGANISATION_ID = "kcconsent.organisationId";

    /** The algorithms a consent link may be signed with, in the order the console offers them. */
    public static final List<String> LINK_ALGORITHM_NAMES = List.of("RS256", "PS256");
    public static final String DEFAULT_LINK_ALGORITHM = "RS256";
    /** The longest {@code exp − iat} any link may have; a client can only lower it. */
    public static final int MAX_LINK_LIFETIME_SECONDS = 7200;

    private static final Logger LOG = Logger.getLogger(ClientConsentSettings.class);
    private static final List<String> KEYS = List.of(LINK_ENABLED, LINK_ALGORITHMS, LINK_MAX_LIFETIME, WEBHOOK_ENABLED, WEBHOOK_URL,
            WEBHOOK_OPEN_FINANCE_BASE_URI, ORGANISATION_ID);

    /** Which source the settings were taken from. */
    public enum Source {
        /** no settings mapper: the client attributes */
        ATTRIBUTES,
        /** exactly one settings mapper on the client */
        MAPPER,
        /** more than one settings mapper on the client: everything off */
        CONFLICTING_MAPPERS
    }

    private final Source source;
    private final Map<String, String> values;

    private ClientConsentSettings(Source source, Map<String, String> values) {
        this.source = source;
        this.values = values;
    }

    /** The settings of a client; a missing client has everything off. */
    public static ClientConsentSettings of(ClientModel client) {
        if (client == null) {
            return new ClientConsentSettings(Source.ATTRIBUTES, Map.of());
        }
        List<Map<String, String>> mappers = client.getProtocolMappersStream()
                .filter(m -> ClientConsentSettingsMapper.PROVIDER_ID.equals(m.getProtocolMapper()))
                .map(ProtocolMapperModel::getConfig)
                .toList();
        ClientConsentSettings settings = resolve(client::getAttribute, mappers);
        if (settings.source == Source.CONFLICTING_MAPPERS) {
            LOG.warnf("Client %s has %d '%s' mappers: consent links and webhooks are off for it until only one is left",
                    client.getClientId(), mappers.size(), ClientConsentSettingsMapper.PROVIDER_ID);
        }
        return settings;
    }

    /** The rule itself, over plain values: attribute lookup, and the configs of the client's settings mappers. */
    static ClientConsentSettings resolve(Function<String, String> attributes, List<Map<String, String>> mapperConfigs) {
        if (mapperConfigs.size() > 1) {
            return new ClientConsentSettings(Source.CONFLICTING_MAPPERS, Map.of());
        }
        Map<String, String> values = new HashMap<>();
        Function<String, String> from = mapperConfigs.isEmpty() ? attributes : configLookup(mapperConfigs.get(0));
        for (String key : KEYS) {
            String value = from.apply(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return new ClientConsentSettings(mapperConfigs.isEmpty() ? Source.ATTRIBUTES : Source.MAPPER, Map.copyOf(values));
    }

    private static Function<String, String> configLookup(Map<String, String> config) {
        return config == null ? key -> null : config::get;
    }

    public Source source() {
        return source;
    }

    /** Whether the client may send consent links. */
    public boolean linkEnabled() {
        return Boolean.parseBoolean(trimmed(LINK_ENABLED));
    }

    /**
     * The allowed link algorithms: names from {@link #LINK_ALGORITHM_NAMES}, never anything else (unknown names,
     * {@code none} or HMAC are dropped, not trusted); {@value #DEFAULT_LINK_ALGORITHM} when none is left.
     */
    public Set<String> linkAlgorithms() {
        Set<String> out = new LinkedHashSet<>();
        for (String name : algorithmNames(values.get(LINK_ALGORITHMS))) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (LINK_ALGORITHM_NAMES.contains(upper)) {
                out.add(upper);
            }
        }
        return out.isEmpty() ? Set.of(DEFAULT_LINK_ALGORITHM) : Set.copyOf(out);
    }

    /** The client's cap on link lifetime in seconds, if it set a usable one (a positive integer). */
    public OptionalLong linkMaxLifetimeSeconds() {
        String raw = trimmed(LINK_MAX_LIFETIME);
        if (raw == null || raw.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long seconds = Long.parseLong(raw);
            return seconds > 0 ? OptionalLong.of(seconds) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether the signed events are sent: switched on and a URL set. */
    public boolean webhookEnabled() {
        return webhooksSwitchedOn() && present(webhookUrl());
    }

    public String webhookUrl() {
        return trimmed(WEBHOOK_URL);
    }

    /**
     * Whether Open Finance payment-consent notifications are sent: webhooks switched on (the one switch for all of
     * a client's webhooks) and a base URI set.
     */
    public boolean openFinanceWebhookEnabled() {
        return webhooksSwitchedOn() && present(openFinanceWebhookBaseUri());
    }

    public String openFinanceWebhookBaseUri() {
        return trimmed(WEBHOOK_OPEN_FINANCE_BASE_URI);
    }

    /** The partner's organisation id, or null when none is set. */
    public String organisationId() {
        String value = trimmed(ORGANISATION_ID);
        return present(value) ? value : null;
    }

    private boolean webhooksSwitchedOn() {
        return Boolean.parseBoolean(trimmed(WEBHOOK_ENABLED));
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    /**
     * Splits an algorithm list as either source stores it: the console's multi-valued list joins with
     * {@code ##}, the client attribute with commas.
     */
    static List<String> algorithmNames(String raw) {
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (String part : raw.split("##|,")) {
            String name = part.trim();
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    private String trimmed(String key) {
        String value = values.get(key);
        return value == null ? null : value.trim();
    }
}
