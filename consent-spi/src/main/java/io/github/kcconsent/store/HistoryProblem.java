package io.github.kcconsent.store;

/** The first thing wrong with a consent's history, in the order verification checks. */
public enum HistoryProblem {
    /** The consent has no history entry at all: its entries were deleted. */
    NO_ENTRIES,
    /** An entry has no seal: written before 0.4.0 and not sealed by the migration yet, or its seal was removed. */
    UNSEALED,
    /** The key the entry was sealed with is no longer enabled in the realm: it can be neither confirmed nor refuted. */
    KEY_UNAVAILABLE,
    /** The entry's content does not match its seal: it was edited, or inserted by someone without the key. */
    SEAL_MISMATCH,
    /** The entry does not chain to the entry before it: an entry in between was deleted, or entries were reordered. */
    LINK_MISMATCH,
    /** The consent row's head is not the newest entry: the newest entry was deleted, or the head was edited. */
    HEAD_MISMATCH,
    /** The consent row's status is not the one its newest entry moved it to: the status was edited. */
    STATUS_MISMATCH
}
