package io.github.kcconsent.token;

import java.util.Arrays;
import java.util.List;

import io.github.kcconsent.consent.ConsentIds;

/**
 * The {@code consent:<consentId>} scopes of an OAuth scope string. Pure: no Keycloak types, so the rules are
 * unit-tested on their own. An Open Finance authorization and every token it yields carry exactly one.
 */
public final class ConsentScopes {

    /** The parameterized client scope's name and separator, as the Open Finance security profile names it. */
    public static final String PREFIX = "consent:";

    private ConsentScopes() {
    }

    /** The consent ids named by {@code consent:} scopes, in order, duplicates removed; empty for null. */
    public static List<String> consentIds(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        return Arrays.stream(scope.trim().split("\\s+"))
                .filter(s -> s.startsWith(PREFIX))
                .map(s -> s.substring(PREFIX.length()))
                .distinct()
                .toList();
    }

    /** The one consent id of {@code scope}, or null when it names none or more than one. */
    public static String single(String scope) {
        List<String> ids = consentIds(scope);
        return ids.size() == 1 ? ids.get(0) : null;
    }

    /** Whether {@code id} has the shape of a consent id (it may still name no consent). */
    public static boolean isWellFormed(String id) {
        return ConsentIds.isWellFormed(id);
    }
}
