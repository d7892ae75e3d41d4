package io.github.kcconsent.accounts;

import java.util.Objects;

/**
 * An account (or other resource) the user may share: its id, its type, a masked label for display and, for an
 * account of a company, that company's CNPJ (14 characters; null for a personal account). Business consents
 * may only cover accounts of their {@code businessEntity}, personal consents only personal accounts. An account
 * that can pay (Pix) also carries its {@link PixAccount} identification; null for one that cannot.
 */
public record Account(String id, String type, String label, String cnpj, PixAccount payment) {

    public Account {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 100) {
            throw new IllegalArgumentException("account id must be 1 to 100 characters");
        }
        if (cnpj != null && !cnpj.matches("[0-9A-Z]{12}[0-9]{2}")) {
            throw new IllegalArgumentException("account cnpj must be a CNPJ (14 characters)");
        }
    }

    /** An account that cannot pay. */
    public Account(String id, String type, String label, String cnpj) {
        this(id, type, label, cnpj, null);
    }

    /** A personal account that cannot pay. */
    public Account(String id, String type, String label) {
        this(id, type, label, null, null);
    }

    /** Whether a payment consent may debit this account. */
    public boolean canPay() {
        return payment != null;
    }
}
