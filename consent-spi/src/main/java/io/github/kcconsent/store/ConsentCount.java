package io.github.kcconsent.store;

import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;

/** How many consents of a realm have this type and (stored) status. */
public record ConsentCount(ConsentType type, ConsentStatus status, long count) {
}
