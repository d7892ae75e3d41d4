package io.github.kcconsent.store.jpa;

import java.time.Instant;

/**
 * What erasing a consent's personal data removes from its row: the documents and their blind indexes (so no search
 * finds it any more), the session metadata, the payment details and the account labels. Not the ciphertexts only:
 * the values go, so neither a database dump nor the field key brings them back. What stays is the audit trail:
 * status, dates, partner, permissions, resource ids, the user id (a pseudonymous reference) and the sealed history.
 */
final class ConsentErasure {

    private ConsentErasure() {
    }

    static void scrub(ConsentEntity e, Instant now) {
        e.setCpfEncrypted(null);
        e.setCpfIndex(null);
        e.setCnpjEncrypted(null);
        e.setCnpjIndex(null);
        e.setSessionMetadataEncrypted(null);
        e.setPaymentDetailsEncrypted(null);
        e.getResources().forEach(r -> r.setLabelEncrypted(null));
        e.setDataKeyWrapped(null);
        e.setErasedAt(now.toEpochMilli());
    }
}
