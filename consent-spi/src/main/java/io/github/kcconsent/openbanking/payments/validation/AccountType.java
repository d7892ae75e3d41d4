package io.github.kcconsent.openbanking.payments.validation;

/** The account kinds Pix pays from and to. */
public enum AccountType {
    /** Current account. */
    CACC(true),
    /** Savings account. */
    SVGS(true),
    /** Prepaid payment account, which has no branch. */
    TRAN(false);

    private final boolean requiresIssuer;

    AccountType(boolean requiresIssuer) {
        this.requiresIssuer = requiresIssuer;
    }

    /** Deposit accounts belong to a branch ({@code issuer}); payment accounts need not. */
    public boolean requiresIssuer() {
        return requiresIssuer;
    }
}
