package io.github.kcconsent.openbanking.renewal;

import java.time.Instant;

/**
 * One renewal of a consent through {@code POST /consents/{consentId}/extends}, as {@code GET …/extensions}
 * lists it. Personal data (CPF, IP address, user agent) are already decrypted here.
 *
 * @param sequence          1 for the consent's first renewal, then 2, 3, …
 * @param expiresAt         the expiration the renewal set; null = indeterminate
 * @param previousExpiresAt the expiration before it; null = it was indeterminate
 */
public record ConsentExtension(String id, String consentId, long sequence, Instant requestedAt, Instant expiresAt,
                               Instant previousExpiresAt, String loggedUserDocument, String customerIpAddress,
                               String customerUserAgent) {
}
