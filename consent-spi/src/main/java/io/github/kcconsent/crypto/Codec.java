package io.github.kcconsent.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** Strict encodings shared by the stored formats. */
final class Codec {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    private static final Pattern LOGGABLE_KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Codec() {
    }

    static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    /**
     * Decodes unpadded base64url and rejects any other spelling of the same bytes (padding, non-zero spare
     * bits), so each stored value has exactly one accepted form.
     *
     * @return null if the text is not canonical base64url
     */
    static byte[] unb64(String text) {
        try {
            byte[] bytes = B64_DECODER.decode(text);
            return B64.encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * UTF-8 that refuses unpaired surrogates instead of silently writing '?', which would make a round trip
     * return something other than what was encrypted. Text without surrogates (all Portuguese and JSON text
     * outside emoji) cannot be malformed, so it takes the JDK's own fast encoder.
     */
    static byte[] utf8(String text) {
        if (!hasSurrogate(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            ByteBuffer buffer = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("value is not valid Unicode text");
        }
    }

    /**
     * @return null if the bytes are not valid UTF-8. ASCII bytes are always valid and decode one to one, so they
     *         skip the strict decoder.
     */
    static String fromUtf8(byte[] bytes) {
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** A kid read from the database may hold anything; only echo it into messages when it cannot forge log lines. */
    static String kidForMessage(String kid) {
        return kid != null && LOGGABLE_KID.matcher(kid).matches() ? kid : "<unprintable kid>";
    }
}
