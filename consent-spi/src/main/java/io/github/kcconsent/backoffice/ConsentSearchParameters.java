package io.github.kcconsent.backoffice;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.crypto.DocumentKind;
import io.github.kcconsent.store.ConsentQuery;

/**
 * The query parameters of {@code GET /admin/realms/{realm}/consents}, checked and normalised. Kept apart from
 * the resource so every rule about what a search may ask is plain code without a Keycloak around it; the
 * resource only resolves {@link #client()} and {@link #user()} to Keycloak ids and calls {@link #toQuery}.
 *
 * <p>Absent or blank parameters mean "no filter" (or the default); parameters this search does not know are
 * ignored. Every other malformed value is a {@link BadParameterException}.
 *
 * @param cpf      normalised CPF (digits only), or null
 * @param cnpj     normalised CNPJ, or null
 * @param client   the partner's {@code clientId} as given, or null
 * @param user     a username or user id as given, or null
 * @param page     from 1
 * @param pageSize 1 to {@value #MAX_PAGE_SIZE}
 */
public record ConsentSearchParameters(
        String cpf,
        String cnpj,
        String client,
        String user,
        Set<ConsentType> types,
        Set<ConsentStatus> statuses,
        Instant createdFrom,
        Instant createdTo,
        Instant expiresBefore,
        ConsentQuery.Order order,
        int page,
        int pageSize,
        boolean exactTotal) {

    public static final String CPF = "cpf";
    public static final String CNPJ = "cnpj";
    public static final String CLIENT = "client";
    public static final String USER = "user";
    public static final String TYPE = "type";
    public static final String STATUS = "status";
    public static final String CREATED_FROM = "created-from";
    public static final String CREATED_TO = "created-to";
    public static final String EXPIRES_BEFORE = "expires-before";
    public static final String ORDER = "order";
    public static final String PAGE = "page";
    public static final String PAGE_SIZE = "page-size";
    public static final String EXACT_TOTAL = "exact-total";

    public static final int DEFAULT_PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 200;
    /** Keeps {@code (page - 1) * pageSize} well inside an int. */
    public static final int MAX_PAGE = 1_000_000;
    /**
     * Totals are exact up to this many matches (or the end of the requested page), "at least" beyond it,
     * unless the caller asks for {@code exact-total=true}: counting every match of a large partner costs time
     * in proportion to its size, which a search screen should not pay on every page.
     */
    public static final int COUNT_LIMIT = 1000;

    public ConsentSearchParameters {
        types = types == null ? Set.of() : Set.copyOf(types);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    /**
     * Reads the parameters, in a fixed order so that a request with several bad ones always names the same
     * first. The map is parameter name to values, as JAX-RS gives them; single-valued parameters use the first.
     *
     * @throws BadParameterException naming the first parameter that is not acceptable
     */
    public static ConsentSearchParameters parse(Map<String, List<String>> query) {
        boolean exactTotal = bool(EXACT_TOTAL, first(query, EXACT_TOTAL));
        int page = integer(PAGE, first(query, PAGE), 1, 1, MAX_PAGE);
        int pageSize = integer(PAGE_SIZE, first(query, PAGE_SIZE), DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        String cpf = document(DocumentKind.CPF, CPF, first(query, CPF));
        String cnpj = document(DocumentKind.CNPJ, CNPJ, first(query, CNPJ));
        Set<ConsentType> types = enums(ConsentType.class, TYPE, query.get(TYPE));
        Set<ConsentStatus> statuses = enums(ConsentStatus.class, STATUS, query.get(STATUS));
        Instant createdFrom = instant(CREATED_FROM, first(query, CREATED_FROM));
        Instant createdTo = instant(CREATED_TO, first(query, CREATED_TO));
        Instant expiresBefore = instant(EXPIRES_BEFORE, first(query, EXPIRES_BEFORE));
        ConsentQuery.Order order = order(first(query, ORDER));
        return new ConsentSearchParameters(cpf, cnpj, blankToNull(first(query, CLIENT)),
                blankToNull(first(query, USER)), types, statuses, createdFrom, createdTo, expiresBefore, order, page,
                pageSize, exactTotal);
    }

    /**
     * The store's query, once the resource has resolved the partner and the user.
     *
     * @param clientInternalId Keycloak's internal id of {@link #client()}, null when no client was asked
     * @param userId           Keycloak's id of {@link #user()}, null when no user was asked
     */
    public ConsentQuery toQuery(String clientInternalId, String userId) {
        return new ConsentQuery(cpf, cnpj, clientInternalId, userId, types, statuses, createdFrom, createdTo,
                expiresBefore, order, (page - 1) * pageSize, pageSize,
                exactTotal ? ConsentQuery.EXACT_TOTAL : COUNT_LIMIT);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** {@code true} or {@code false} (any case); absent means false; anything else is a bad parameter. */
    private static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadParameterException(name + " must be true or false");
        };
    }

    static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadParameterException(name + " must be a whole number between " + min + " and " + max);
        }
        if (parsed < min || parsed > max) {
            throw new BadParameterException(name + " must be between " + min + " and " + max);
        }
        return parsed;
    }

    private static String document(DocumentKind kind, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return kind.normalize(value);
        } catch (IllegalArgumentException e) {
            // The message never repeats the value: it is personal data.
            throw new BadParameterException(name + " is not a well-formed " + kind.name());
        }
    }

    /** Comma-separated, repeated, or both; names in any case. */
    private static <E extends Enum<E>> Set<E> enums(Class<E> type, String name, List<String> values) {
        Set<E> out = EnumSet.noneOf(type);
        if (values == null) {
            return out;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    out.add(Enum.valueOf(type, part.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new BadParameterException(name + " must be one of " + EnumSet.allOf(type));
                }
            }
        }
        return out;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static ConsentQuery.Order order(String value) {
        if (value == null || value.isBlank()) {
            return ConsentQuery.Order.CREATED_DESC;
        }
        return switch (value.trim()) {
            case "-createdAt" -> ConsentQuery.Order.CREATED_DESC;
            case "createdAt" -> ConsentQuery.Order.CREATED_ASC;
            case "-statusUpdatedAt" -> ConsentQuery.Order.STATUS_UPDATED_DESC;
            case "expiresAt" -> ConsentQuery.Order.EXPIRES_ASC;
            default -> throw new BadParameterException(
                    "order must be one of -createdAt, createdAt, -statusUpdatedAt, expiresAt");
        };
    }
}
