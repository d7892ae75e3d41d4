package io.github.kcconsent.store.jpa;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.kcconsent.crypto.CanonicalBytes;
import io.github.kcconsent.crypto.HistoryMac;
import io.github.kcconsent.store.HistoryProblem;
import io.github.kcconsent.store.HistoryVerification;

/**
 * The seal chain over one consent's status history. Each entry's seal is {@link HistoryMac} over its canonical
 * bytes: realm, consent, sequence, the transition and who made it, whether it was sealed late, and the seal of
 * the entry before it. The consent row holds the newest seal (its head), so appending needs no read of the
 * history table, and a deleted newest entry shows as a head that no entry has.
 *
 * <p>What it cannot show (and the README says): someone with database access who saved an earlier head can
 * delete the newest entries and put back that head and the status they led from, an exact rollback. The receipts
 * the partner holds carry the seals and expose such a rollback.
 */
final class ConsentChain {

    static final String ENTRY_DOMAIN = "kcconsent/history-entry/v1";

    private ConsentChain() {
    }

    /** Seals {@code entry} as the consent's newest entry, chained to its head, and makes it the head. */
    static void append(ConsentEntity consent, ConsentStatusChangeEntity entry, HistoryMac mac) {
        entry.setPreviousMac(consent.getHistoryHead());
        HistoryMac.Seal seal = mac.seal(canonical(consent.getRealmId(), entry));
        entry.setMacKid(seal.kid());
        entry.setEntryMac(seal.mac());
        consent.setHistoryHead(seal.mac());
        consent.setHeadKid(seal.kid());
    }

    /**
     * Seals the entries of a consent written before sealing existed, oldest first, marked as sealed late, and
     * makes the newest the head. Entries that already carry a seal keep it. Call with the consent row locked.
     */
    static void sealLate(ConsentEntity consent, List<ConsentStatusChangeEntity> entries, HistoryMac mac) {
        consent.setHistoryHead(null);
        for (ConsentStatusChangeEntity entry : entries) {
            if (entry.getEntryMac() == null) {
                entry.setSealedLate(true);
                append(consent, entry, mac);
            } else {
                consent.setHistoryHead(entry.getEntryMac());
                consent.setHeadKid(entry.getMacKid());
            }
        }
    }

    /** @param entries the consent's history in sequence order */
    static HistoryVerification verify(ConsentEntity consent, List<ConsentStatusChangeEntity> entries, HistoryMac mac) {
        String id = consent.getId();
        int sealedLate = (int) entries.stream().filter(ConsentStatusChangeEntity::isSealedLate).count();
        if (entries.isEmpty()) {
            return HistoryVerification.broken(id, 0, 0, HistoryProblem.NO_ENTRIES, null);
        }
        String previous = null;
        for (ConsentStatusChangeEntity entry : entries) {
            HistoryProblem problem = check(consent.getRealmId(), entry, previous, mac);
            if (problem != null) {
                return HistoryVerification.broken(id, entries.size(), sealedLate, problem, entry.getSequence());
            }
            previous = entry.getEntryMac();
        }
        ConsentStatusChangeEntity newest = entries.get(entries.size() - 1);
        if (!Objects.equals(consent.getHistoryHead(), previous)) {
            return HistoryVerification.broken(id, entries.size(), sealedLate, HistoryProblem.HEAD_MISMATCH, newest.getSequence());
        }
        if (!Objects.equals(consent.getStatus(), newest.getToStatus())) {
            return HistoryVerification.broken(id, entries.size(), sealedLate, HistoryProblem.STATUS_MISMATCH, newest.getSequence());
        }
        return HistoryVerification.ok(id, entries.size(), sealedLate);
    }

    private static HistoryProblem check(String realmId, ConsentStatusChangeEntity entry, String previous, HistoryMac mac) {
        if (entry.getEntryMac() == null) {
            return HistoryProblem.UNSEALED;
        }
        Optional<Boolean> sealed = mac.verify(entry.getMacKid(), canonical(realmId, entry), entry.getEntryMac());
        if (sealed.isEmpty()) {
            return HistoryProblem.KEY_UNAVAILABLE;
        }
        if (!sealed.get()) {
            return HistoryProblem.SEAL_MISMATCH;
        }
        // The link is checked after the seal: the seal covers the stored link, so an intact seal with a wrong link
        // means the entry itself is genuine and something before it is missing or out of order.
        return Objects.equals(entry.getPreviousMac(), previous) ? null : HistoryProblem.LINK_MISMATCH;
    }

    /** What the seal covers; everything but the seal itself and the kid (a wrong kid fails the seal anyway). */
    static byte[] canonical(String realmId, ConsentStatusChangeEntity e) {
        return new CanonicalBytes(ENTRY_DOMAIN)
                .text(realmId)
                .text(e.getConsentId())
                .number(e.getSequence())
                .text(e.getFromStatus())
                .text(e.getToStatus())
                .number(e.getChangedAt())
                .text(e.getActor())
                .text(e.getChannel())
                .text(e.getReason())
                .text(e.getAdditionalInformation())
                .text(e.isSealedLate() ? "sealed-late" : "sealed")
                .text(e.getPreviousMac())
                .toByteArray();
    }
}
