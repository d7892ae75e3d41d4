package io.github.kcconsent.consent;

import java.util.Objects;

/**
 * Who or what acted on a consent, as recorded in the history: {@code user:<id>}, {@code client:<clientId>},
 * {@code admin:<userId>}, {@code system:<task>}. Ids only, never names or documents, so history holds no
 * personal data in plaintext.
 */
public record Actor(Kind kind, String id) {

    public enum Kind { USER, CLIENT, ADMIN, SYSTEM }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static Actor user(String userId) {
        return new Actor(Kind.USER, userId);
    }

    public static Actor client(String clientId) {
        return new Actor(Kind.CLIENT, clientId);
    }

    public static Actor admin(String userId) {
        return new Actor(Kind.ADMIN, userId);
    }

    public static Actor system(String task) {
        return new Actor(Kind.SYSTEM, task);
    }

    public String asString() {
        return kind.name().toLowerCase() + ":" + id;
    }

    public static Actor parse(String value) {
        int colon = value.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not an actor: " + value);
        }
        return new Actor(Kind.valueOf(value.substring(0, colon).toUpperCase()), value.substring(colon + 1));
    }
}
