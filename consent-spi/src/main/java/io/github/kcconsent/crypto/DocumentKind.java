package io.github.kcconsent.crypto;

import java.util.Objects;

/**
 * Brazilian document numbers we search by. Each kind is its own blind-index domain, so a CPF and a CNPJ can
 * never produce the same index even if their characters coincided.
 */
public enum DocumentKind {

    /** 11 digits. */
    CPF(11, false),
    /** 14 characters: digits, and since the 2026 alphanumeric CNPJ also upper-case letters. */
    CNPJ(14, true);

    private final int length;
    private final boolean lettersAllowed;

    DocumentKind(int length, boolean lettersAllowed) {
        this.length = length;
        this.lettersAllowed = lettersAllowed;
    }

    /**
     * Drops the usual punctuation ({@code . - /}) and whitespace and upper-cases letters, so
     * {@code 529.982.247-25} and {@code 52998224725} index the same. Check digits are not verified here.
     *
     * @throws IllegalArgumentException if anything else remains or the length is wrong; the message never
     *         contains the value
     */
    public String normalize(String value) {
        Objects.requireNonNull(value, "value");
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.' || c == '-' || c == '/' || Character.isWhitespace(c)) {
                continue;
            }
            // ASCII only: Character.isDigit/toUpperCase would also let in e.g. Arabic-Indic digits or map the
            // Turkish dotless 'ı' to 'I', giving one document several spellings.
            char upper = c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c;
            boolean ok = (upper >= '0' && upper <= '9') || (lettersAllowed && upper >= 'A' && upper <= 'Z');
            if (!ok) {
                throw new IllegalArgumentException(name() + " contains a character that is not allowed");
            }
            out.append(upper);
        }
        if (out.length() != length) {
            throw new IllegalArgumentException(name() + " must have " + length + " characters after normalization");
        }
        return out.toString();
    }
}
