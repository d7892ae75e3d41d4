package io.github.kcconsent.decision;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.github.kcconsent.accounts.Account;
import io.github.kcconsent.accounts.PixAccount;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.openbanking.payments.validation.PaymentAccount;

/**
 * Which of the customer's accounts a payment consent may debit, and which one a Confirmar post chose. Pure rules:
 * <ul>
 *   <li>only accounts that can pay ({@link Account#canPay()}) of the consent's party: for a business consent
 *       the accounts of its CNPJ, for a personal one personal accounts (the same rule as data sharing,
 *       {@link OpenFinanceResources#belongsTo});</li>
 *   <li>when the partner sent a {@code debtorAccount}, only the account it names: same ISPB, number and account
 *       type, and the same branch ({@code issuer}) when the partner sent one (the spec lets a TRAN account go
 *       without it). Numbers are compared as written: the spec's pattern has no separators to ignore.</li>
 *   <li>never the creditor's own account (the same rule of equality): money cannot leave and arrive in one
 *       account.</li>
 * </ul>
 * When these rules leave nothing although the customer could otherwise pay, the consent can never be authorised
 * and is rejected with the Payments API's reason ({@link #unpayable}).
 */
final class PaymentAccounts {

    /** What a Confirmar post amounts to. */
    sealed interface Choice {
    }

    /** Exactly one account, one the consent may debit. */
    record Chosen(Account account) implements Choice {
    }

    /** Nothing usable chosen (none, several, unknown, or one that cannot pay this): the screen again, unchanged. */
    record Again() implements Choice {
    }

    /** An account of another party (a company account for a personal consent, or another company's). */
    record WrongParty() implements Choice {
    }

    private PaymentAccounts() {
    }

    /** The accounts the screen offers, in the account source's order. */
    static List<Account> payable(List<Account> accounts, String cnpj, PaymentAccount debtorAccount,
                                 PaymentAccount creditorAccount) {
        return candidates(accounts, cnpj, debtorAccount).stream()
                .filter(a -> !matches(a.payment(), creditorAccount))
                .toList();
    }

    /**
     * Why no account can ever pay this consent, or null when one can or when the customer simply has none that
     * can pay (the screen says so and Cancelar is left): the partner named an account this customer cannot pay
     * from ({@code CONTA_NAO_PERMITE_PAGAMENTO}), or the only accounts left are the creditor's own
     * ({@code CONTAS_ORIGEM_DESTINO_IGUAIS}).
     */
    static RejectionReason unpayable(List<Account> accounts, String cnpj, PaymentAccount debtorAccount,
                                     PaymentAccount creditorAccount) {
        if (!payable(accounts, cnpj, debtorAccount, creditorAccount).isEmpty()) {
            return null;
        }
        if (!candidates(accounts, cnpj, debtorAccount).isEmpty()) {
            return RejectionReason.CONTAS_ORIGEM_DESTINO_IGUAIS;
        }
        return debtorAccount == null ? null : RejectionReason.CONTA_NAO_PERMITE_PAGAMENTO;
    }

    /** The party's accounts that can pay and that the partner's {@code debtorAccount}, if any, names. */
    private static List<Account> candidates(List<Account> accounts, String cnpj, PaymentAccount debtorAccount) {
        return accounts.stream()
                .filter(Account::canPay)
                .filter(a -> OpenFinanceResources.belongsTo(a, cnpj))
                .filter(a -> debtorAccount == null || matches(a.payment(), debtorAccount))
                .toList();
    }

    /** Whether the account the partner wrote ({@code debtorAccount}, {@code creditorAccount}) names this account. */
    static boolean matches(PixAccount account, PaymentAccount named) {
        return account != null
                && account.ispb().equals(named.ispb())
                && account.number().equals(named.number())
                && account.accountType().equals(named.accountType().name())
                && (named.issuer() == null || named.issuer().equals(account.issuer()));
    }

    /**
     * The account a post chose among the customer's {@code accounts}. A ticked account of another party ends the
     * authorization (Open Finance security profile: the selected account's CNPJ must be the consent's), anything
     * else that is not exactly one offered account shows the screen again.
     */
    static Choice choose(List<Account> accounts, String cnpj, PaymentAccount debtorAccount,
                         PaymentAccount creditorAccount, Set<String> ticked) {
        if (ticked.size() != 1) {
            return new Again();
        }
        String id = ticked.iterator().next();
        Optional<Account> mine = accounts.stream().filter(a -> a.id().equals(id)).findFirst();
        if (mine.isEmpty()) {
            return new Again();
        }
        if (!OpenFinanceResources.belongsTo(mine.get(), cnpj)) {
            return new WrongParty();
        }
        // An id the source lists twice means its first account, as on the data-sharing screen.
        return payable(accounts, cnpj, debtorAccount, creditorAccount).contains(mine.get())
                ? new Chosen(mine.get()) : new Again();
    }
}
