package io.github.kcconsent.crypto;

import static io.github.kcconsent.crypto.InMemoryFieldKeys.active;
import static io.github.kcconsent.crypto.InMemoryFieldKeys.aes;
import static io.github.kcconsent.crypto.InMemoryFieldKeys.hmac;
import static io.github.kcconsent.crypto.InMemoryFieldKeys.passive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesGcmFieldCipherTest {

    private static final FieldContext CTX = new FieldContext("realm-1", "urn:consent:1", "cpf");
    private static final String CPF = "52998224725";

    private final SecretKey k1 = aes();
    private final FieldCipher cipher = new AesGcmFieldCipher(
            new InMemoryFieldKeys(List.of(active("k1", k1)), List.of(active("b1", hmac()))));

    @ParameterizedTest
    @ValueSource(strings = {CPF, "", "José da Conceição — 🇧🇷 日本語", "{\"ip\":\"10.0.0.1\",\"ua\":\"x\"}"})
    void roundTrips(String plaintext) {
        String stored = cipher.encrypt(CTX, plaintext);

        assertTrue(stored.startsWith("v1."), stored);
        if (!plaintext.isEmpty()) {
            assertFalse(stored.contains(plaintext));
        }
        assertEquals(plaintext, cipher.decrypt(CTX, stored));
    }

    @Test
    void nullPassesThrough() {
        assertNull(cipher.encrypt(CTX, null));
        assertNull(cipher.decrypt(CTX, null));
        assertNull(cipher.keyIdOf(null));
    }

    @Test
    void storedFormIsVersionKidNonceAndSealedBytes() {
        String[] parts = cipher.encrypt(CTX, CPF).split("\\.");

        assertEquals(4, parts.length);
        assertEquals("v1", parts[0]);
        assertEquals("k1", new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertEquals(12, Base64.getUrlDecoder().decode(parts[2]).length);
        assertEquals(CPF.length() + 16, Base64.getUrlDecoder().decode(parts[3]).length);
    }

    /** Proves the format is standard AES-256-GCM with the context as AAD, decryptable by plain JCE. */
    @Test
    void isInteroperableAesGcmWithContextAsAad() throws Exception {
        String[] parts = cipher.encrypt(CTX, CPF).split("\\.");
        Cipher jce = Cipher.getInstance("AES/GCM/NoPadding");
        jce.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k1.getEncoded(), "AES"),
                new GCMParameterSpec(128, Base64.getUrlDecoder().decode(parts[2])));
        jce.updateAAD(CTX.aad());

        byte[] plain = jce.doFinal(Base64.getUrlDecoder().decode(parts[3]));

        assertEquals(CPF, new String(plain, StandardCharsets.UTF_8));
    }

    @Test
    void encryptingTheSameValueTwiceGivesDifferentCiphertexts() {
        String a = cipher.encrypt(CTX, CPF);
        String b = cipher.encrypt(CTX, CPF);

        assertNotEquals(a, b);
        assertNotEquals(a.split("\\.")[2], b.split("\\.")[2], "nonce must be fresh");
        assertEquals(cipher.decrypt(CTX, a), cipher.decrypt(CTX, b));
    }

    @Test
    void flippedBitInNonceIsRejected() {
        assertTampered(part(2, bytes -> flip(bytes, 0)));
    }

    @Test
    void flippedBitInCiphertextIsRejected() {
        assertTampered(part(3, bytes -> flip(bytes, 0)));
    }

    @Test
    void flippedBitInTagIsRejected() {
        assertTampered(part(3, bytes -> flip(bytes, bytes.length - 1)));
    }

    @Test
    void truncatedCiphertextIsRejected() {
        assertTampered(part(3, bytes -> Arrays.copyOf(bytes, bytes.length - 1)));
    }

    @Test
    void ciphertextShorterThanATagIsRejected() {
        assertTampered(part(3, bytes -> Arrays.copyOf(bytes, 15)));
    }

    @Test
    void truncatedNonceIsRejected() {
        assertTampered(part(2, bytes -> Arrays.copyOf(bytes, 11)));
    }

    @Test
    void truncatedStringIsRejected() {
        String stored = cipher.encrypt(CTX, CPF);
        assertThrows(FieldDecryptionException.class, () -> cipher.decrypt(CTX, stored.substring(0, stored.length() - 3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1", "v1.", "v1...", "v2.azE.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
            "v1.azE.AAAAAAAAAAAAAAAA", "v1.azE.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.x",
            "v1.azE.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA==", "v1.azE.AAAAAAAAAAAAAAA+.AAAAAAAAAAAAAAAAAAAAAA",
            "v1..AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA", "plain.52998224725", CPF})
    void malformedValuesAreRejected(String stored) {
        assertThrows(FieldDecryptionException.class, () -> cipher.decrypt(CTX, stored));
    }

    /** Base64 can spell the same bytes several ways; only the canonical spelling we write is accepted. */
    @Test
    void nonCanonicalBase64IsRejected() {
        String stored = cipher.encrypt(CTX, "x"); // 17 sealed bytes: the last base64 char carries 2 spare bits
        String[] parts = stored.split("\\.");
        String sealed = parts[3];
        char last = sealed.charAt(sealed.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sameBytes = alphabet.charAt(alphabet.indexOf(last) ^ 1); // flips a spare bit only
        String respelled = String.join(".", parts[0], parts[1], parts[2], sealed.substring(0, sealed.length() - 1) + sameBytes);
        assertEquals(Arrays.toString(Base64.getUrlDecoder().decode(sealed)),
                Arrays.toString(Base64.getUrlDecoder().decode(respelled.split("\\.")[3])),
                "precondition: the JDK decodes both spellings to the same bytes");

        assertThrows(FieldDecryptionException.class, () -> cipher.decrypt(CTX, respelled));
    }

    @Test
    void valueCopiedToAnotherConsentIsRejected() {
        String stored = cipher.encrypt(CTX, CPF);
        assertThrows(FieldDecryptionException.class,
                () -> cipher.decrypt(new FieldContext("realm-1", "urn:consent:2", "cpf"), stored));
    }

    @Test
    void valueCopiedToAnotherFieldIsRejected() {
        String stored = cipher.encrypt(CTX, CPF);
        assertThrows(FieldDecryptionException.class,
                () -> cipher.decrypt(new FieldContext("realm-1", "urn:consent:1", "cnpj"), stored));
    }

    @Test
    void valueCopiedToAnotherRealmIsRejected() {
        String stored = cipher.encrypt(CTX, CPF);
        assertThrows(FieldDecryptionException.class,
                () -> cipher.decrypt(new FieldContext("realm-2", "urn:consent:1", "cpf"), stored));
    }

    @Test
    void failureMessagesContainNoPlaintext() {
        String stored = cipher.encrypt(CTX, CPF);
        FieldDecryptionException e = assertThrows(FieldDecryptionException.class,
                () -> cipher.decrypt(new FieldContext("realm-1", "urn:consent:2", "cpf"), stored));
        assertFalse(e.getMessage().contains(CPF));
        assertFalse(e.getMessage().contains(stored));
    }

    @Test
    void rotationKeepsOldValuesReadableAndWritesWithTheNewKey() {
        SecretKey k2 = aes();
        String underK1 = cipher.encrypt(CTX, CPF);
        FieldCipher rotated = new AesGcmFieldCipher(new InMemoryFieldKeys(
                List.of(active("k2", k2), passive("k1", k1)), List.of(active("b1", hmac()))));

        String underK2 = rotated.encrypt(CTX, CPF);

        assertEquals(CPF, rotated.decrypt(CTX, underK1));
        assertEquals(CPF, rotated.decrypt(CTX, underK2));
        assertEquals("k1", rotated.keyIdOf(underK1));
        assertEquals("k2", rotated.keyIdOf(underK2));
        assertEquals("k2", rotated.activeKeyId());
        assertFalse(rotated.isEncryptedWithActiveKey(underK1));
        assertTrue(rotated.isEncryptedWithActiveKey(underK2));
        assertTrue(underK2.startsWith(AesGcmFieldCipher.storedPrefixFor("k2")));
    }

    @Test
    void reencryptMovesOnlyStaleValuesToTheActiveKey() {
        String underK1 = cipher.encrypt(CTX, CPF);
        FieldCipher rotated = new AesGcmFieldCipher(new InMemoryFieldKeys(
                List.of(active("k2", aes()), passive("k1", k1)), List.of(active("b1", hmac()))));

        String moved = rotated.reencrypt(CTX, underK1);

        assertEquals("k2", rotated.keyIdOf(moved));
        assertEquals(CPF, rotated.decrypt(CTX, moved));
        assertSame(moved, rotated.reencrypt(CTX, moved));
    }

    @Test
    void kidsWithDotsStillParse() {
        FieldCipher dotted = new AesGcmFieldCipher(new InMemoryFieldKeys(
                List.of(active("key.2026.01", aes())), List.of(active("b1", hmac()))));

        String stored = dotted.encrypt(CTX, CPF);

        assertEquals("key.2026.01", dotted.keyIdOf(stored));
        assertEquals(CPF, dotted.decrypt(CTX, stored));
    }

    @Test
    void noActiveKeyFailsClosed() {
        FieldCipher noActive = new AesGcmFieldCipher(new InMemoryFieldKeys(
                List.of(passive("k1", k1)), List.of(active("b1", hmac()))));

        MissingFieldKeyException e = assertThrows(MissingFieldKeyException.class, () -> noActive.encrypt(CTX, CPF));
        assertFalse(e.getMessage().contains(CPF));
        assertThrows(MissingFieldKeyException.class, noActive::activeKeyId);
    }

    @Test
    void unknownKidFailsClosedWithoutLeakingTheValue() {
        String stored = cipher.encrypt(CTX, CPF);
        FieldCipher otherKeys = new AesGcmFieldCipher(InMemoryFieldKeys.single("k9"));

        MissingFieldKeyException e = assertThrows(MissingFieldKeyException.class, () -> otherKeys.decrypt(CTX, stored));
        assertTrue(e.getMessage().contains("k1"), e.getMessage());
        assertFalse(e.getMessage().contains(CPF));
        assertFalse(e.getMessage().contains(stored.split("\\.")[3]));
    }

    @Test
    void sameKidWithDifferentKeyMaterialIsRejected() {
        String stored = cipher.encrypt(CTX, CPF);
        FieldCipher sameKidOtherKey = new AesGcmFieldCipher(new InMemoryFieldKeys(
                List.of(active("k1", aes())), List.of(active("b1", hmac()))));

        assertThrows(FieldDecryptionException.class, () -> sameKidOtherKey.decrypt(CTX, stored));
    }

    @Test
    void keysThatAreNotAes256AreRefused() {
        FieldCipher weak = new AesGcmFieldCipher(new InMemoryFieldKeys(
                List.of(active("k16", new SecretKeySpec(new byte[16], "AES"))), List.of(active("b1", hmac()))));

        assertThrows(MissingFieldKeyException.class, () -> weak.encrypt(CTX, CPF));
    }

    @Test
    void unpairedSurrogatesAreRefusedInsteadOfSilentlyChanged() {
        assertThrows(IllegalArgumentException.class, () -> cipher.encrypt(CTX, "a\uD800b"));
    }

    @Test
    void unprintableKidsAreNotEchoedIntoMessages() {
        String forged = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString("k\nFAKE LOG".getBytes(StandardCharsets.UTF_8))
                + ".AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA";

        MissingFieldKeyException e = assertThrows(MissingFieldKeyException.class, () -> cipher.decrypt(CTX, forged));
        assertFalse(e.getMessage().contains("FAKE LOG"), e.getMessage());
    }

    /**
     * The ASCII fast path must not let through what the strict decoder refuses: a lone continuation byte, two
     * truncated sequences, an encoded surrogate and an overlong '/'.
     */
    @ParameterizedTest
    @ValueSource(strings = {"80", "c328", "e282", "eda080", "c0af"})
    void aValueThatAuthenticatesButIsNotUtf8IsRefused(String hex) throws Exception {
        byte[] nonce = new byte[12];
        Cipher jce = Cipher.getInstance("AES/GCM/NoPadding");
        jce.init(Cipher.ENCRYPT_MODE, k1, new GCMParameterSpec(128, nonce));
        jce.updateAAD(CTX.aad());
        byte[] sealed = jce.doFinal(HexFormat.of().parseHex(hex));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String stored = "v1." + b64.encodeToString("k1".getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(nonce)
                + "." + b64.encodeToString(sealed);

        FieldDecryptionException e = assertThrows(FieldDecryptionException.class, () -> cipher.decrypt(CTX, stored));
        assertTrue(e.getMessage().contains("invalid UTF-8"), e.getMessage());
    }

    /**
     * The instance reuses its JCE ciphers: values from many threads at once still each seal under their own
     * nonce and context, and a refused value leaves nothing behind that breaks the next one.
     */
    @Test
    void oneInstanceServesManyThreadsAndARefusedValueDoesNotBreakTheNext() throws Exception {
        int threads = 8;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < perThread; i++) {
                        FieldContext ctx = new FieldContext("realm-1", "urn:consent:" + thread + "-" + i, "cpf");
                        String value = "valor " + thread + "-" + i + " ção";
                        String stored = cipher.encrypt(ctx, value);
                        assertEquals(value, cipher.decrypt(ctx, stored));
                        if (i % 50 == 0) {
                            FieldContext elsewhere = new FieldContext("realm-1", "urn:consent:other", "cpf");
                            assertThrows(FieldDecryptionException.class, () -> cipher.decrypt(elsewhere, stored));
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            assertEquals(threads * perThread, total);
        } finally {
            pool.shutdownNow();
        }
        String stored = cipher.encrypt(CTX, CPF);
        assertTampered(part(3, bytes -> flip(bytes, 0)));
        assertEquals(CPF, cipher.decrypt(CTX, stored));
    }

    private void assertTampered(String stored) {
        assertThrows(FieldDecryptionException.class, () -> cipher.decrypt(CTX, stored));
    }

    /** Encrypts CPF, applies {@code change} to the decoded bytes of part {@code index}, re-encodes canonically. */
    private String part(int index, UnaryOperator<byte[]> change) {
        String[] parts = cipher.encrypt(CTX, CPF).split("\\.");
        byte[] changed = change.apply(Base64.getUrlDecoder().decode(parts[index]));
        parts[index] = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
        return String.join(".", parts);
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
