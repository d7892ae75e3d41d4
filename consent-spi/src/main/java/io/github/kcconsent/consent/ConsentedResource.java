package io.github.kcconsent.consent;

import java.util.Objects;

/** A resource (an account, a card, …) the user selected, with the masked label the user saw. */
public record ConsentedResource(String resourceId, String type, String label) {

    public ConsentedResource {
        Objects.requireNonNull(resourceId, "resourceId");
        if (resourceId.isBlank() || resourceId.length() > 100) {
            throw new IllegalArgumentException("resourceId must be 1 to 100 characters");
        }
    }
}
