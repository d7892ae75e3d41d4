package io.github.kcconsent.openbanking.validation;

import java.util.regex.Pattern;

/**
 * Check digits of CPF and CNPJ (mod 11). The alphanumeric CNPJ of Consents 3.3.x uses the same weights with
 * each character worth its ASCII code minus 48 (digits keep their value, 'A' is 17), so one routine serves
 * both the old numeric and the new alphanumeric form; the two check digits stay numeric.
 */
public final class BrazilianDocuments {

    public static final Pattern CPF_PATTERN = Pattern.compile("^\\d{11}$");
    public static final Pattern CNPJ_PATTERN = Pattern.compile("^[0-9A-Z]{12}[0-9]{2}$");

    private static final int[] CNPJ_WEIGHTS = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};

    private BrazilianDocuments() {
    }

    /** 11 digits, valid check digits, and not one digit repeated (those pass mod 11 but are never issued). */
    public static boolean isValidCpf(String cpf) {
        if (cpf == null || !CPF_PATTERN.matcher(cpf).matches() || cpf.chars().distinct().count() == 1) {
            return false;
        }
        return cpfDigit(cpf, 9) == cpf.charAt(9) - '0' && cpfDigit(cpf, 10) == cpf.charAt(10) - '0';
    }

    /** The 3.3.x pattern (12 alphanumerics + 2 digits) and both check digits. */
    public static boolean isValidCnpj(String cnpj) {
        if (cnpj == null || !CNPJ_PATTERN.matcher(cnpj).matches() || cnpj.chars().distinct().count() == 1) {
            return false;
        }
        return cnpjDigit(cnpj, 12) == cnpj.charAt(12) - '0' && cnpjDigit(cnpj, 13) == cnpj.charAt(13) - '0';
    }

    /** Check digit at {@code position} (9 or 10) from the digits before it, weights position+1 down to 2. */
    private static int cpfDigit(String cpf, int position) {
        int sum = 0;
        for (int i = 0; i < position; i++) {
            sum += (cpf.charAt(i) - '0') * (position + 1 - i);
        }
        return mod11(sum);
    }

    /** Check digit at {@code position} (12 or 13): the last {@code position} weights of 6,5,4,3,2,9..2. */
    private static int cnpjDigit(String cnpj, int position) {
        int offset = CNPJ_WEIGHTS.length - position;
        int sum = 0;
        for (int i = 0; i < position; i++) {
            sum += (cnpj.charAt(i) - '0') * CNPJ_WEIGHTS[offset + i];
        }
        return mod11(sum);
    }

    private static int mod11(int sum) {
        int rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }
}
