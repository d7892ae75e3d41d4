package io.github.kcconsent.receipt;

import java.time.Instant;
import java.util.Objects;

import io.github.kcconsent.consent.ConsentEvent;

/**
 * A signed receipt of one event of a consent: {@code token} is the compact JWT (signed with the realm's key,
 * verifiable with its JWKS), the other fields say what it is about without parsing it.
 */
public record ConsentReceipt(String id, String consentId, ConsentEvent event, Instant issuedAt, String historySeal,
                             String token) {

    public ConsentReceipt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(token, "token");
    }
}
