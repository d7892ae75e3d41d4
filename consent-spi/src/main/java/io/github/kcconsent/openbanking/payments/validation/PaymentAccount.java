package io.github.kcconsent.openbanking.payments.validation;

import java.util.Objects;

/**
 * A creditor or debtor account: the institution's ISPB, the branch ({@code issuer}, null only for
 * {@link AccountType#TRAN} when not sent), the number with its check digit, and the kind.
 */
public record PaymentAccount(String ispb, String issuer, String number, AccountType accountType) {

    public PaymentAccount {
        Objects.requireNonNull(ispb, "ispb");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(accountType, "accountType");
        if (issuer == null && accountType.requiresIssuer()) {
            throw new IllegalArgumentException("issuer is required for " + accountType);
        }
    }
}
