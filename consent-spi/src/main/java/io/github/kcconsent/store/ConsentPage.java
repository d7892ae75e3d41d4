package io.github.kcconsent.store;

import java.util.List;

import io.github.kcconsent.consent.Consent;

/** One page of a search, with the total number of matches. */
public record ConsentPage(long total, List<Consent> items) {
}
