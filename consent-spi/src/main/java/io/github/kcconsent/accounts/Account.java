package io.github.kcconsent.accounts;

import java.util.Objects;

/** An account (or other resource) the user may share: its id, its type and a masked label for display. */
public record Account(String id, String type, String label) {

    public Account {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 100) {
            throw new IllegalArgumentException("account id must be 1 to 100 characters");
        }
    }
}
