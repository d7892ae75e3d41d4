package io.github.kcconsent.decision;

import java.util.List;
import java.util.Objects;
import io.github.kcconsent.accounts.Account;

/**
 * Which of the customer's accounts an Open Finance data-sharing consent may cover. Pure, unit-tested rules:
 * <ul>
 *   <li>accounts are asked for only when a requested permission group covers accounts or credit cards
 *       ({@code ACCOUNTS_READ}, {@code CREDIT_CARDS_ACCOUNTS_READ}); registration data, credit operations,
 *       investments and exchange need none on the screen;</li>
 *   <li>a business consent covers only accounts of its {@code businessEntity} (the account's CNPJ), a personal
 *       consent only personal accounts (no CNPJ).</li>
 * </ul>
 */
final class OpenFinanceResources {

    private static final List<String> GROUPS_WITH_ACCOUNTS = List.of("ACCOUNTS_READ", "CREDIT_CARDS_ACCOUNTS_READ");

    private OpenFinanceResources() {
    }

    static boolean needsAccounts(List<String> permissions) {
        return permissions.stream().anyMatch(GROUPS_WITH_ACCOUNTS::contains);
    }

    /** The accounts the screen offers for a consent whose business entity is {@code cnpj} (null: personal). */
    static List<Account> offered(List<Account> accounts, String cnpj) {
        return accounts.stream().filter(a -> belongsTo(a, cnpj)).toList();
    }

    static boolean belongsTo(Account account, String cnpj) {
        return Objects.equals(account.cnpj(), cnpj);
    }
}
