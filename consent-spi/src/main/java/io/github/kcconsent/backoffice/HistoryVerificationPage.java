package io.github.kcconsent.backoffice;

import java.util.List;
import java.util.Map;

import io.github.kcconsent.consent.ConsentIds;

/**
 * The parameters of a realm's history verification page: {@code after}, the consent id the previous page ended
 * with (absent: from the start), and {@code max}, how many consents to check (1..{@value #MAX}, default
 * {@value #DEFAULT}). Bounded so that one call never reads a whole realm.
 */
record HistoryVerificationPage(String after, int max) {

    static final String AFTER = "after";
    static final String MAX_PARAMETER = "max";
    static final int DEFAULT = 100;
    static final int MAX = 500;

    static HistoryVerificationPage parse(Map<String, List<String>> query) {
        String after = single(query, AFTER);
        if (after != null && !ConsentIds.isWellFormed(after)) {
            throw new BadParameterException(AFTER + " must be a consent id (the previous page's next)");
        }
        int max = ConsentSearchParameters.integer(MAX_PARAMETER, single(query, MAX_PARAMETER), DEFAULT, 1, MAX);
        return new HistoryVerificationPage(after == null ? "" : after, max);
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadParameterException(name + " may be given once");
        }
        return values.get(0);
    }
}
