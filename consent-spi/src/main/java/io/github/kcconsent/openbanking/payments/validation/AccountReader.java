package io.github.kcconsent.openbanking.payments.validation;

import java.util.regex.Pattern;

/** {@code creditorAccount} and {@code debtorAccount}, which share one shape in the spec. */
final class AccountReader {

    private static final Pattern ISPB = Pattern.compile("^[0-9]{8}$");
    private static final Pattern ISSUER = Pattern.compile("^[0-9]{1,4}$");
    private static final Pattern NUMBER = Pattern.compile("^[0-9]{1,20}$");

    private AccountReader() {
    }

    /** @return the account, or null when absent or wrong (the collector knows which) */
    static PaymentAccount read(FieldReader reader, JsonObjectAt parent, String name, boolean required) {
        JsonObjectAt account = reader.object(parent, name, required);
        if (account == null) {
            return null;
        }
        String ispb = reader.text(account, "ispb", true, ISPB, 8);
        String issuer = reader.text(account, "issuer", false, ISSUER, 4);
        String number = reader.text(account, "number", true, NUMBER, 20);
        AccountType type = reader.constant(account, "accountType", AccountType.class);
        boolean issuerMissing = type != null && type.requiresIssuer() && !reader.present(account, "issuer");
        if (issuerMissing) {
            reader.errors().rule(PaymentErrorCode.PARAMETRO_NAO_INFORMADO, account.child("issuer"),
                    "contas CACC e SVGS exigem a agência");
        }
        boolean complete = ispb != null && number != null && type != null && !issuerMissing
                && !reader.errors().flagged(account.child("issuer"));
        return complete ? new PaymentAccount(ispb, issuer, number, type) : null;
    }
}
