package io.github.kcconsent.backoffice.representation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.store.HistoryVerification;

/**
 * One page of a realm's history verification: how many consents were checked, the ones that did not verify, and
 * {@code next}, the value of {@code after} for the following page (absent on the last page).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RealmHistoryVerificationRepresentation(
        @JsonProperty("checked") int checked,
        @JsonProperty("failed") List<HistoryVerificationRepresentation> failed,
        @JsonProperty("next") String next) {

    /** @param full whether the page came back as long as asked, i.e. there may be more after it */
    public static RealmHistoryVerificationRepresentation of(List<HistoryVerification> page, boolean full) {
        List<HistoryVerificationRepresentation> failed = page.stream()
                .filter(v -> !v.verified())
                .map(HistoryVerificationRepresentation::of)
                .toList();
        String next = full && !page.isEmpty() ? page.get(page.size() - 1).consentId() : null;
        return new RealmHistoryVerificationRepresentation(page.size(), failed, next);
    }
}
