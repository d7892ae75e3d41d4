package io.github.kcconsent.support;

/** What one re-encryption pass did: rows moved to the active key, rows passed over because a key is missing. */
public record ReencryptionResult(int moved, int skipped) {
}
