package io.github.kcconsent.openbanking.consents.validation;

import java.time.Instant;
import java.time.ZoneOffset;
import io.github.kcconsent.openbanking.api.ApiError;

/**
 * The date rule of a renewal (Orientações, renewal without redirect): a fixed new expiration must be later
 * than now and than the current expiration, and at most 12 months after the request; omitting it renews
 * for an indeterminate period, which is always allowed.
 */
public final class RenewalRules {

    public static final int MAX_MONTHS = 12;

    private RenewalRules() {
    }

    /**
     * @param current   the consent's expiration now; null = indeterminate
     * @param requested the new expiration; null = indeterminate
     * @throws ApiError 422 {@code DATA_EXPIRACAO_INVALIDA}
     */
    public static void check(Instant current, Instant requested, Instant now) {
        if (requested == null) {
            return;
        }
        Instant limit = now.atOffset(ZoneOffset.UTC).plusMonths(MAX_MONTHS).toInstant();
        // A fixed date can never be later than an indeterminate expiration: that would shorten the consent.
        boolean later = requested.isAfter(now) && current != null && requested.isAfter(current);
        if (!later || requested.isAfter(limit)) {
            throw ApiError.unprocessable("DATA_EXPIRACAO_INVALIDA", "Data de expiração inválida",
                    "A nova data de expiração deve ser posterior à atual e a agora, e no máximo 12 meses após o "
                            + "pedido; para prazo indeterminado, omita o campo.");
        }
    }
}
