package io.github.kcconsent.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import io.github.kcconsent.accounts.Account;
import io.github.kcconsent.accounts.PixAccount;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.openbanking.payments.validation.AccountType;
import io.github.kcconsent.openbanking.payments.validation.PaymentAccount;
import org.junit.jupiter.api.Test;

/** Which accounts a payment consent may debit, and what a Confirmar post chose. */
class PaymentAccountsTest {

    static final String CNPJ = "11222333000181";
    static final String OTHER_CNPJ = "11444777000161";

    static final PixAccount CURRENT = new PixAccount("12345678", "1774", "1234567890", "CACC");
    static final PixAccount SAVINGS = new PixAccount("12345678", "1774", "555", "SVGS");
    static final PixAccount PREPAID = new PixAccount("87654321", null, "99", "TRAN");
    static final PixAccount COMPANY = new PixAccount("12345678", "0001", "777", "CACC");

    static final Account PERSONAL_CURRENT = new Account("acc-1", "CONTA_DEPOSITO_A_VISTA", "Conta •••• 7890", null, CURRENT);
    static final Account PERSONAL_SAVINGS = new Account("acc-2", "CONTA_POUPANCA", "Poupança •••• 0555", null, SAVINGS);
    static final Account PERSONAL_PREPAID = new Account("acc-3", "CONTA_PAGAMENTO_PRE_PAGA", "Pré-paga •••• 0099", null, PREPAID);
    static final Account CANNOT_PAY = new Account("acc-4", "CONTA_DEPOSITO_A_VISTA", "Conta sem Pix", null, null);
    static final Account COMPANY_ACCOUNT = new Account("acc-5", "CONTA_DEPOSITO_A_VISTA", "Conta PJ", CNPJ, COMPANY);
    static final Account OTHER_COMPANY_ACCOUNT = new Account("acc-6", "CONTA_DEPOSITO_A_VISTA", "Outra PJ", OTHER_CNPJ,
            new PixAccount("12345678", "0002", "888", "CACC"));

    static final List<Account> ALL = List.of(PERSONAL_CURRENT, PERSONAL_SAVINGS, PERSONAL_PREPAID, CANNOT_PAY,
            COMPANY_ACCOUNT, OTHER_COMPANY_ACCOUNT);

    /** A creditor's account at another institution: none of the customer's. */
    static final PaymentAccount ELSEWHERE = new PaymentAccount("99999999", "0001", "4242", AccountType.CACC);

    static PaymentAccount debtor(String ispb, String issuer, String number, AccountType type) {
        return new PaymentAccount(ispb, issuer, number, type);
    }

    @Test
    void aPersonalPaymentIsOfferedOnlyThePersonalAccountsThatCanPay() {
        assertEquals(List.of(PERSONAL_CURRENT, PERSONAL_SAVINGS, PERSONAL_PREPAID), PaymentAccounts.payable(ALL, null, null, ELSEWHERE));
    }

    @Test
    void aBusinessPaymentIsOfferedOnlyItsCompanysAccountsThatCanPay() {
        assertEquals(List.of(COMPANY_ACCOUNT), PaymentAccounts.payable(ALL, CNPJ, null, ELSEWHERE));
        assertEquals(List.of(), PaymentAccounts.payable(List.of(PERSONAL_CURRENT, CANNOT_PAY), CNPJ, null, ELSEWHERE));
    }

    @Test
    void aDebtorAccountSentByThePartnerLeavesOnlyTheAccountItNames() {
        assertEquals(List.of(PERSONAL_SAVINGS),
                PaymentAccounts.payable(ALL, null, debtor("12345678", "1774", "555", AccountType.SVGS), ELSEWHERE));
    }

    @Test
    void aDebtorAccountMatchesOnIspbBranchNumberAndType() {
        assertTrue(PaymentAccounts.matches(CURRENT, debtor("12345678", "1774", "1234567890", AccountType.CACC)));
        assertFalse(PaymentAccounts.matches(CURRENT, debtor("12345679", "1774", "1234567890", AccountType.CACC)), "ispb");
        assertFalse(PaymentAccounts.matches(CURRENT, debtor("12345678", "1775", "1234567890", AccountType.CACC)), "branch");
        assertFalse(PaymentAccounts.matches(CURRENT, debtor("12345678", "1774", "01234567890", AccountType.CACC)), "number as written");
        assertFalse(PaymentAccounts.matches(CURRENT, debtor("12345678", "1774", "1234567890", AccountType.SVGS)), "type");
        assertFalse(PaymentAccounts.matches(null, debtor("12345678", "1774", "1234567890", AccountType.CACC)), "cannot pay");
    }

    @Test
    void aPrepaidDebtorAccountWithoutBranchMatchesWhateverBranchTheBankKeeps() {
        assertTrue(PaymentAccounts.matches(PREPAID, debtor("87654321", null, "99", AccountType.TRAN)));
        assertTrue(PaymentAccounts.matches(new PixAccount("87654321", "0001", "99", "TRAN"),
                debtor("87654321", null, "99", AccountType.TRAN)));
        assertFalse(PaymentAccounts.matches(PREPAID, debtor("87654321", "0001", "99", AccountType.TRAN)),
                "a branch the partner sent must be the account's");
    }

    @Test
    void noMatchingAccountLeavesNothingToOffer() {
        assertEquals(List.of(), PaymentAccounts.payable(ALL, null, debtor("00000000", "1", "1", AccountType.CACC), ELSEWHERE));
        assertEquals(List.of(), PaymentAccounts.payable(ALL, CNPJ, debtor("12345678", "1774", "555", AccountType.SVGS), ELSEWHERE),
                "a personal account named in a business consent");
    }

    @Test
    void confirmingWithOneOfferedAccountChoosesIt() {
        PaymentAccounts.Choice choice = PaymentAccounts.choose(ALL, null, null, ELSEWHERE, Set.of("acc-2"));
        assertEquals(new PaymentAccounts.Chosen(PERSONAL_SAVINGS), choice);
    }

    @Test
    void confirmingWithoutExactlyOneOfferedAccountShowsTheScreenAgain() {
        assertInstanceOf(PaymentAccounts.Again.class, PaymentAccounts.choose(ALL, null, null, ELSEWHERE, Set.of()), "none");
        assertInstanceOf(PaymentAccounts.Again.class, PaymentAccounts.choose(ALL, null, null, ELSEWHERE, Set.of("acc-1", "acc-2")), "two");
        assertInstanceOf(PaymentAccounts.Again.class, PaymentAccounts.choose(ALL, null, null, ELSEWHERE, Set.of("acc-x")), "not the user's");
        assertInstanceOf(PaymentAccounts.Again.class, PaymentAccounts.choose(ALL, null, null, ELSEWHERE, Set.of("acc-4")), "cannot pay");
        assertInstanceOf(PaymentAccounts.Again.class, PaymentAccounts.choose(ALL, null,
                debtor("12345678", "1774", "555", AccountType.SVGS), ELSEWHERE, Set.of("acc-1")), "not the partner's debtorAccount");
    }

    @Test
    void confirmingWithAnAccountOfAnotherPartyIsRefused() {
        assertInstanceOf(PaymentAccounts.WrongParty.class, PaymentAccounts.choose(ALL, null, null, ELSEWHERE, Set.of("acc-5")),
                "a company account for a personal consent");
        assertInstanceOf(PaymentAccounts.WrongParty.class, PaymentAccounts.choose(ALL, CNPJ, null, ELSEWHERE, Set.of("acc-6")),
                "another company's account");
        assertInstanceOf(PaymentAccounts.WrongParty.class, PaymentAccounts.choose(ALL, CNPJ, null, ELSEWHERE, Set.of("acc-1")),
                "a personal account for a business consent");
    }

    @Test
    void anIdListedTwiceMeansItsFirstAccount() {
        Account duplicate = new Account("acc-4", "CONTA_DEPOSITO_A_VISTA", "Outra", null, CURRENT);
        assertInstanceOf(PaymentAccounts.Again.class,
                PaymentAccounts.choose(List.of(CANNOT_PAY, duplicate), null, null, ELSEWHERE, Set.of("acc-4")));
    }

    @Test
    void theCreditorsOwnAccountIsNeverOfferedNorAccepted() {
        PaymentAccount creditor = debtor("12345678", "1774", "555", AccountType.SVGS);
        assertEquals(List.of(PERSONAL_CURRENT, PERSONAL_PREPAID), PaymentAccounts.payable(ALL, null, null, creditor));
        assertInstanceOf(PaymentAccounts.Again.class, PaymentAccounts.choose(ALL, null, null, creditor, Set.of("acc-2")));
        assertNull(PaymentAccounts.unpayable(ALL, null, null, creditor), "other accounts can pay");
    }

    @Test
    void aConsentLeftWithOnlyTheCreditorsAccountCanNeverBePaid() {
        PaymentAccount creditor = debtor("12345678", "1774", "555", AccountType.SVGS);
        assertEquals(RejectionReason.CONTAS_ORIGEM_DESTINO_IGUAIS,
                PaymentAccounts.unpayable(ALL, null, creditor, creditor), "the partner named the creditor's account");
        assertEquals(RejectionReason.CONTAS_ORIGEM_DESTINO_IGUAIS,
                PaymentAccounts.unpayable(List.of(PERSONAL_SAVINGS, CANNOT_PAY), null, null, creditor),
                "the customer's only paying account is the creditor's");
    }

    @Test
    void aDebtorAccountTheCustomerCannotPayFromMakesTheConsentUnpayable() {
        assertEquals(RejectionReason.CONTA_NAO_PERMITE_PAGAMENTO,
                PaymentAccounts.unpayable(ALL, null, debtor("00000000", "1", "1", AccountType.CACC), ELSEWHERE));
        assertEquals(RejectionReason.CONTA_NAO_PERMITE_PAGAMENTO,
                PaymentAccounts.unpayable(ALL, CNPJ, debtor("12345678", "1774", "555", AccountType.SVGS), ELSEWHERE),
                "a personal account named in a business consent");
        assertNull(PaymentAccounts.unpayable(ALL, null, debtor("12345678", "1774", "555", AccountType.SVGS), ELSEWHERE));
    }

    @Test
    void aCustomerWithoutAnyAccountThatCanPayIsShownTheScreenNotRefused() {
        assertNull(PaymentAccounts.unpayable(List.of(CANNOT_PAY), null, null, ELSEWHERE),
                "nothing the partner or the creditor did: the screen says so and leaves Cancelar");
    }
}
