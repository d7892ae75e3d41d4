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
        int max) {

    /** Sort orders the indexes support. */
    public enum Order {
        CREATED_DESC, CREATED_ASC, STATUS_UPDATED_DESC, EXPIRES_ASC
    }

    public ConsentQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        order = order == null ? Order.CREATED_DESC : order;
        if (first < 0 || max < 1) {
            throw new IllegalArgumentException("first must be >= 0 and max >= 1");
        }
    }
}
