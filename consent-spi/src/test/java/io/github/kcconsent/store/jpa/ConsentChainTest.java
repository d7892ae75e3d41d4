package io.github.kcconsent.store.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.github.kcconsent.crypto.HistoryMac;
import io.github.kcconsent.crypto.InMemoryFieldKeys;
import io.github.kcconsent.store.HistoryProblem;
import io.github.kcconsent.store.HistoryVerification;
import org.junit.jupiter.api.Test;

class ConsentChainTest {

    private final HistoryMac mac = new HistoryMac(InMemoryFieldKeys.single("k1"));
    private final ConsentEntity consent = consent();
    private final List<ConsentStatusChangeEntity> entries = new ArrayList<>();

    ConsentChainTest() {
        add(null, "AWAITING_AUTHORISATION");
        add("AWAITING_AUTHORISATION", "AUTHORISED");
        add("AUTHORISED", "REJECTED");
    }

    @Test
    void anUntouchedHistoryVerifies() {
        HistoryVerification v = verify();
        assertTrue(v.verified(), v.toString());
        assertEquals(3, v.entries());
        assertNull(entries.get(0).getPreviousMac());
        assertEquals(entries.get(0).getEntryMac(), entries.get(1).getPreviousMac());
        assertEquals(entries.get(2).getEntryMac(), consent.getHistoryHead());
    }

    @Test
    void anEditedEntryIsReportedAtItsSequence() {
        entries.get(1).setActor("user:someone-else");
        assertBroken(HistoryProblem.SEAL_MISMATCH, 1);
    }

    @Test
    void anEntryDeletedInTheMiddleBreaksTheLinkOfTheNext() {
        entries.remove(1);
        assertBroken(HistoryProblem.LINK_MISMATCH, 2);
    }

    @Test
    void theFirstEntryDeletedBreaksTheLinkOfTheNext() {
        entries.remove(0);
        assertBroken(HistoryProblem.LINK_MISMATCH, 1);
    }

    @Test
    void theNewestEntryDeletedShowsAsAHeadMismatch() {
        entries.remove(2);
        consent.setStatus("AUTHORISED");
        assertBroken(HistoryProblem.HEAD_MISMATCH, 1);
    }

    @Test
    void anInsertedEntryWithACopiedSealFails() {
        ConsentStatusChangeEntity forged = entry(1, "AWAITING_AUTHORISATION", "AUTHORISED");
        forged.setSequence(2);
        forged.setPreviousMac(entries.get(1).getEntryMac());
        forged.setMacKid(entries.get(1).getMacKid());
        forged.setEntryMac(entries.get(1).getEntryMac());
        entries.add(2, forged);
        assertBroken(HistoryProblem.SEAL_MISMATCH, 2);
    }

    @Test
    void anEntryMovedToAnotherConsentFails() {
        entries.get(0).setConsentId("urn:bank:other");
        assertBroken(HistoryProblem.SEAL_MISMATCH, 0);
    }

    @Test
    void anEditedStatusOnTheConsentRowIsReported() {
        consent.setStatus("AUTHORISED");
        assertBroken(HistoryProblem.STATUS_MISMATCH, 2);
    }

    @Test
    void aRemovedSealIsReportedAsUnsealed() {
        entries.get(2).setEntryMac(null);
        assertBroken(HistoryProblem.UNSEALED, 2);
    }

    @Test
    void noEntriesAtAllIsReported() {
        entries.clear();
        assertEquals(HistoryProblem.NO_ENTRIES, verify().problem());
    }

    @Test
    void entriesOfAKeyTheRealmNoLongerHasAreReportedAsUnverifiable() {
        HistoryVerification v = ConsentChain.verify(consent, entries, new HistoryMac(InMemoryFieldKeys.single("k2")));
        assertEquals(HistoryProblem.KEY_UNAVAILABLE, v.problem());
    }

    @Test
    void entriesFromBeforeSealingAreSealedLateAndThenVerify() {
        ConsentEntity old = consent();
        List<ConsentStatusChangeEntity> legacy = List.of(entry(0, null, "AWAITING_AUTHORISATION"),
                entry(1, "AWAITING_AUTHORISATION", "AUTHORISED"));
        old.setStatus("AUTHORISED");
        assertEquals(HistoryProblem.UNSEALED, ConsentChain.verify(old, legacy, mac).problem());

        ConsentChain.sealLate(old, legacy, mac);

        HistoryVerification v = ConsentChain.verify(old, legacy, mac);
        assertTrue(v.verified(), v.toString());
        assertEquals(2, v.sealedLate());
        assertNotNull(old.getHeadKid());
        legacy.get(0).setSealedLate(false);
        assertFalse(ConsentChain.verify(old, legacy, mac).verified(), "the sealed-late mark is sealed too");
    }

    private void assertBroken(HistoryProblem problem, long sequence) {
        HistoryVerification v = verify();
        assertFalse(v.verified());
        assertEquals(problem, v.problem(), v.toString());
        assertEquals(sequence, v.atSequence());
    }

    private HistoryVerification verify() {
        return ConsentChain.verify(consent, entries, mac);
    }

    private void add(String from, String to) {
        ConsentStatusChangeEntity e = entry(entries.size(), from, to);
        ConsentChain.append(consent, e, mac);
        consent.setStatus(to);
        entries.add(e);
    }

    private static ConsentEntity consent() {
        ConsentEntity c = new ConsentEntity();
        c.setId("urn:bank:c1");
        c.setRealmId("realm-1");
        c.setStatus("AWAITING_AUTHORISATION");
        return c;
    }

    private static ConsentStatusChangeEntity entry(long sequence, String from, String to) {
        ConsentStatusChangeEntity e = new ConsentStatusChangeEntity();
        e.setId("h" + sequence);
        e.setConsentId("urn:bank:c1");
        e.setSequence(sequence);
        e.setFromStatus(from);
        e.setToStatus(to);
        e.setChangedAt(1_700_000_000_000L + sequence);
        e.setActor("user:u1");
        e.setChannel("CONSENT_SCREEN");
        return e;
    }
}
