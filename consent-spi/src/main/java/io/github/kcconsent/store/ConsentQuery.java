package io.github.kcconsent.store;

import java.time.Instant;
import java.util.Set;

import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;

/**
 * A back-office search. Every field is optional (null or empty = no filter); filters combine with AND.
 * Documents are matched through the blind index, never by decrypting rows.
 *
 * @param clientId     Keycloak internal client id
 * @param userId       Keycloak user id
 * @param first        offset of the first result (0-based)
 * @param max          page size
 * @param countLimit   0 for an exact total; otherwise count matches only up to
 *                     {@code max(countLimit, first + max)} and report "at least" beyond it. An exact count
 *                     reads every match, so its cost grows with the partner's size; a capped one stays flat.
 */
public record ConsentQuery(
        String cpf,
        String cnpj,
        String clientId,
        String userId,
        Set<ConsentType> types,
        Set<ConsentStatus> statuses,
        Instant createdFrom,
        Instant createdTo,
        Instant expiresBefore,
        Order order,
        int first,
        int max,
        int countLimit) {

    /** {@link #countLimit} for an exact total. */
    public static final int EXACT_TOTAL = 0;

    /** Sort orders the indexes support. */
    public enum Order {
        CREATED_DESC, CREATED_ASC, STATUS_UPDATED_DESC, EXPIRES_ASC
    }

    /** The same search with an exact total. */
    public ConsentQuery(String cpf, String cnpj, String clientId, String userId, Set<ConsentType> types,
                        Set<ConsentStatus> statuses, Instant createdFrom, Instant createdTo, Instant expiresBefore,
                        Order order, int first, int max) {
        this(cpf, cnpj, clientId, userId, types, statuses, createdFrom, createdTo, expiresBefore, order, first, max,
                EXACT_TOTAL);
    }

    /** The number of matches a capped count stops at: the cap, or the end of the requested page if later. */
    public long countCeiling() {
        return Math.max((long) countLimit, (long) first + max);
    }

    public ConsentQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        order = order == null ? Order.CREATED_DESC : order;
        if (first < 0 || max < 1 || countLimit < 0) {
            throw new IllegalArgumentException("first must be >= 0, max >= 1 and countLimit >= 0");
        }
    }
}
