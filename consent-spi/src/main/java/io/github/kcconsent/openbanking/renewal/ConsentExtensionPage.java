package io.github.kcconsent.openbanking.renewal;

import java.util.List;

/** One page of a consent's renewals, newest first, with how many there are in all. */
public record ConsentExtensionPage(long total, List<ConsentExtension> items) {
}
