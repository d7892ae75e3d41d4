package io.github.kcconsent.openbanking.jws;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A partner's request whose signature and claims were verified.
 *
 * @param claims the whole payload (the API's {@code data} sits in it)
 * @param jti    the message id the caller must use once (per partner, 24 h)
 */
public record VerifiedRequest(ObjectNode claims, String jti, Instant issuedAt) {

    /** The API payload's {@code data} member, or null when the message has none (the API decides). */
    public ObjectNode data() {
        return claims.get("data") instanceof ObjectNode data ? data : null;
    }
}
