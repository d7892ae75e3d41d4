package io.github.kcconsent.accounts;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How Pix identifies an account that can pay: the institution's ISPB, the branch ({@code issuer}), the number
 * and the account type, in the shape of the Payments API's {@code debtorAccount}. Only accounts that carry one
 * are offered on the payment screen. Account numbers are personal data: kept encrypted with the consent.
 */
public record PixAccount(String ispb, String issuer, String number, String accountType) {

    private static final Pattern ISPB = Pattern.compile("^[0-9]{8}$");
    private static final Pattern ISSUER = Pattern.compile("^[0-9]{1,4}$");
    private static final Pattern NUMBER = Pattern.compile("^[0-9]{1,20}$");
    private static final Pattern TYPE = Pattern.compile("^(CACC|SVGS|TRAN)$");

    public PixAccount {
        require(ISPB, ispb, "ispb must be 8 digits");
        require(NUMBER, number, "number must be 1 to 20 digits");
        require(TYPE, accountType, "accountType must be CACC, SVGS or TRAN");
        if (issuer != null) {
            require(ISSUER, issuer, "issuer must be 1 to 4 digits");
        } else if (!"TRAN".equals(accountType)) {
            throw new IllegalArgumentException("issuer is required for CACC and SVGS accounts");
        }
    }

    /**
     * The {@code payment} member of an account as an account source answers it
     * ({@code {"ispb","issuer","number","accountType"}}), or null when absent: that account cannot pay.
     */
    public static PixAccount fromJson(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("an account's payment member must be an object");
        }
        return new PixAccount(text(m.get("ispb")), text(m.get("issuer")), text(m.get("number")),
                text(m.get("accountType")));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static void require(Pattern pattern, String value, String message) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixAccount p && Objects.equals(ispb, p.ispb) && Objects.equals(issuer, p.issuer)
                && Objects.equals(number, p.number) && Objects.equals(accountType, p.accountType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ispb, issuer, number, accountType);
    }

    /** Never the number: records end up in logs and exception messages. */
    @Override
    public String toString() {
        return "PixAccount[" + accountType + "]";
    }
}
