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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlindIndexTest {

    private static final String CPF = "52998224725";
    private static final String CNPJ = "11222333000181";

    private final SecretKey b1 = hmac();
    private final BlindIndex index = indexWith(List.of(active("b1", b1)));

    @Test
    void isDeterministic() {
        assertEquals(index.index(DocumentKind.CPF, CPF), index.index(DocumentKind.CPF, CPF));
    }

    @ParameterizedTest
    @ValueSource(strings = {"529.982.247-25", " 529 982 247 25 ", "529982247-25"})
    void formattedCpfIndexesLikeDigits(String formatted) {
        assertEquals(index.index(DocumentKind.CPF, CPF), index.index(DocumentKind.CPF, formatted));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11.222.333/0001-81", "11222333/0001-81"})
    void formattedCnpjIndexesLikeDigits(String formatted) {
        assertEquals(index.index(DocumentKind.CNPJ, CNPJ), index.index(DocumentKind.CNPJ, formatted));
    }

    @Test
    void alphanumericCnpjIsCaseInsensitive() {
        assertEquals("12ABC34501DE35", DocumentKind.CNPJ.normalize("12.abc.345/01de-35"));
        assertEquals(index.index(DocumentKind.CNPJ, "12ABC34501DE35"), index.index(DocumentKind.CNPJ, "12.abc.345/01de-35"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5299822472", "529982247255", "5299822472A", "529.982.247+25", "٥٢٩٩٨٢٢٤٧٢٥"})
    void invalidCpfsAreRejectedWithoutEchoingThem(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> index.index(DocumentKind.CPF, bad));
        assertFalse(e.getMessage().contains(bad));
    }

    @Test
    void cnpjRejectsNonAsciiLetters() {
        // Character.toUpperCase('ı') is 'I'; accepting it would give one CNPJ two spellings.
        assertThrows(IllegalArgumentException.class, () -> DocumentKind.CNPJ.normalize("12AıC34501DE35"));
    }

    @Test
    void storedFormIsKidAndMac() {
        String stored = index.index(DocumentKind.CPF, CPF);
        String[] parts = stored.split("\\.");

        assertEquals(2, parts.length);
        assertEquals("b1", BlindIndex.keyIdOf(stored));
        assertEquals(32, Base64.getUrlDecoder().decode(parts[1]).length);
        assertFalse(stored.contains(CPF));
    }

    @Test
    void differentKeysGiveDifferentIndexes() {
        BlindIndex other = indexWith(List.of(active("b1", hmac())));
        assertNotEquals(index.index(DocumentKind.CPF, CPF), other.index(DocumentKind.CPF, CPF));
    }

    /** 14 digits valid as both formats would otherwise be the only thing separating the two kinds. */
    @Test
    void cpfAndCnpjDomainsAreSeparated() throws Exception {
        String stored = index.index(DocumentKind.CPF, CPF);
        byte[] mac = Base64.getUrlDecoder().decode(stored.split("\\.")[1]);

        assertEquals(HexFormat.of().formatHex(hmacOver(b1, "kcconsent/blind-index/v1/CPF", CPF)), HexFormat.of().formatHex(mac));
        assertNotEquals(HexFormat.of().formatHex(hmacOver(b1, "kcconsent/blind-index/v1/CNPJ", CPF)), HexFormat.of().formatHex(mac));
        assertNotEquals(index.index(DocumentKind.CNPJ, "00052998224725").split("\\.")[1],
                Base64.getUrlEncoder().withoutPadding().encodeToString(hmacOver(b1, "kcconsent/blind-index/v1/CPF", "00052998224725")));
    }

    @Test
    void differsFromAnUnkeyedHashOfTheValue() throws Exception {
        String mac = index.index(DocumentKind.CPF, CPF).split("\\.")[1];
        for (String value : List.of(CPF, "529.982.247-25")) {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            assertNotEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(sha), mac);
        }
    }

    @Test
    void candidatesCoverEveryEnabledKeyActiveFirst() {
        SecretKey b2 = hmac();
        BlindIndex before = indexWith(List.of(active("b1", b1)));
        BlindIndex rotated = indexWith(List.of(passive("b1", b1), active("b2", b2)));
        String writtenBefore = before.index(DocumentKind.CPF, CPF);
        String writtenAfter = rotated.index(DocumentKind.CPF, "529.982.247-25");

        List<String> candidates = rotated.candidates(DocumentKind.CPF, CPF);

        assertEquals(List.of(writtenAfter, writtenBefore), candidates);
        assertEquals("b2", BlindIndex.keyIdOf(writtenAfter));
        assertTrue(rotated.isIndexedWithActiveKey(writtenAfter));
        assertFalse(rotated.isIndexedWithActiveKey(writtenBefore));
    }

    @Test
    void searchWithoutAnyKeyFailsClosed() {
        BlindIndex none = indexWith(List.of());
        assertThrows(MissingFieldKeyException.class, () -> none.candidates(DocumentKind.CPF, CPF));
        assertThrows(MissingFieldKeyException.class, () -> none.index(DocumentKind.CPF, CPF));
    }

    @Test
    void usesTheBlindIndexKeyNotTheEncryptionKey() throws Exception {
        SecretKey enc = aes();
        BlindIndex separate = new BlindIndex(new InMemoryFieldKeys(List.of(active("e1", enc)), List.of(active("b1", b1))));
        byte[] mac = Base64.getUrlDecoder().decode(separate.index(DocumentKind.CPF, CPF).split("\\.")[1]);

        assertEquals(HexFormat.of().formatHex(hmacOver(b1, "kcconsent/blind-index/v1/CPF", CPF)), HexFormat.of().formatHex(mac));
        assertNotEquals(HexFormat.of().formatHex(hmacOver(enc, "kcconsent/blind-index/v1/CPF", CPF)), HexFormat.of().formatHex(mac));
    }

    @Test
    void malformedStoredIndexIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> BlindIndex.keyIdOf("no-dot"));
        assertThrows(IllegalArgumentException.class, () -> BlindIndex.keyIdOf("a.b.c"));
        assertThrows(IllegalArgumentException.class, () -> BlindIndex.keyIdOf(".abc"));
    }

    private static BlindIndex indexWith(List<InMemoryFieldKeys.Key> blindKeys) {
        return new BlindIndex(new InMemoryFieldKeys(List.of(active("e1", aes())), blindKeys));
    }

    private static byte[] hmacOver(SecretKey key, String domain, String normalized) throws Exception {
        byte[] tag = domain.getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        mac.update(ByteBuffer.allocate(4).putInt(tag.length).array());
        mac.update(tag);
        return mac.doFinal(normalized.getBytes(StandardCharsets.US_ASCII));
    }
}
