package io.github.kcconsent.crypto;

import static io.github.kcconsent.crypto.InMemoryFieldKeys.active;
import static io.github.kcconsent.crypto.InMemoryFieldKeys.aes;
import static io.github.kcconsent.crypto.InMemoryFieldKeys.hmac;
import static io.github.kcconsent.crypto.InMemoryFieldKeys.passive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;

class HistoryMacTest {

    private final SecretKey b1 = hmac();
    private final HistoryMac mac = macWith(List.of(active("b1", b1)));
    private final byte[] entry = new CanonicalBytes("test").text("AUTHORISED").number(42).toByteArray();

    @Test
    void aSealVerifiesUnderTheKeyItNames() {
        HistoryMac.Seal seal = mac.seal(entry);
        assertEquals("b1", seal.kid());
        assertEquals(43, seal.mac().length());
        assertEquals(Optional.of(true), mac.verify("b1", entry, seal.mac()));
    }

    @Test
    void oneChangedByteOfTheEntryFailsTheSeal() {
        HistoryMac.Seal seal = mac.seal(entry);
        for (int i = 0; i < entry.length; i++) {
            byte[] edited = entry.clone();
            edited[i] ^= 1;
            assertEquals(Optional.of(false), mac.verify("b1", edited, seal.mac()), "byte " + i);
        }
    }

    @Test
    void aSealOfAnotherSpellingOrLengthFails() {
        String seal = mac.seal(entry).mac();
        assertEquals(Optional.of(false), mac.verify("b1", entry, seal + "="));
        assertEquals(Optional.of(false), mac.verify("b1", entry, seal.substring(1)));
        assertEquals(Optional.of(false), mac.verify("b1", entry, "not base64url!"));
        assertEquals(Optional.of(false), mac.verify("b1", entry, null));
        assertEquals(Optional.of(false), mac.verify(null, entry, seal));
    }

    @Test
    void aKeyTheRealmNoLongerHasNeitherConfirmsNorRefutes() {
        String seal = mac.seal(entry).mac();
        HistoryMac rotated = macWith(List.of(active("b2", hmac())));
        assertEquals(Optional.empty(), rotated.verify("b1", entry, seal));
    }

    @Test
    void sealsMadeBeforeARotationKeepVerifyingWhileTheOldKeyIsEnabled() {
        String seal = mac.seal(entry).mac();
        HistoryMac rotated = macWith(List.of(active("b2", hmac()), passive("b1", b1)));
        assertEquals(Optional.of(true), rotated.verify("b1", entry, seal));
        assertEquals("b2", rotated.seal(entry).kid());
    }

    @Test
    void theSealKeyIsDerivedAndNotTheBlindIndexKeyItself() throws Exception {
        Mac plain = Mac.getInstance("HmacSHA256");
        plain.init(b1);
        String withBlindIndexKey = Codec.b64(plain.doFinal(entry));
        assertNotEquals(withBlindIndexKey, mac.seal(entry).mac());
        assertFalse(mac.verify("b1", entry, withBlindIndexKey).orElseThrow());
    }

    @Test
    void noActiveKeyIsAClearError() {
        HistoryMac none = macWith(List.of(passive("b1", b1)));
        assertThrows(MissingFieldKeyException.class, () -> none.seal(entry));
        assertTrue(none.verify("b1", entry, mac.seal(entry).mac()).orElseThrow());
    }

    @Test
    void canonicalBytesTellNullFromEmptyAndSplitsApart() {
        assertFalse(Arrays.equals(new CanonicalBytes("d").text(null).toByteArray(),
                new CanonicalBytes("d").text("").toByteArray()));
        assertFalse(Arrays.equals(new CanonicalBytes("d").text("ab").text("c").toByteArray(),
                new CanonicalBytes("d").text("a").text("bc").toByteArray()));
    }

    private static HistoryMac macWith(List<InMemoryFieldKeys.Key> blindIndexKeys) {
        return new HistoryMac(new InMemoryFieldKeys(List.of(active("e1", aes())), blindIndexKeys));
    }
}
