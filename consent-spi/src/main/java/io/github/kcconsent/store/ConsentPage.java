package io.github.kcconsent.store;

import java.util.List;

import io.github.kcconsent.consent.Consent;

/**
 * One page of a search, with the number of matches: exact, or (when the query capped the count and there were
 * more) a lower bound: "at least {@code total}".
 */
public record ConsentPage(long total, List<Consent> items, boolean totalExact) {

    public ConsentPage(long total, List<Consent> items) {
        this(total, items, true);
    }
}
