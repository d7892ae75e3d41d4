package io.github.kcconsent.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.kcconsent.accounts.Account;
import org.junit.jupiter.api.Test;

/** Permitir with accounts: at least one ticked, every ticked id one of the user's, or the screen again. */
class AccountChoiceTest {

    static final Account CHECKING = new Account("acc-1", "CONTA_DEPOSITO_A_VISTA", "Conta •••• 1");
    static final Account SAVINGS = new Account("acc-2", "CONTA_POUPANCA", "Poupança •••• 2");
    static final List<Account> MARIAS = List.of(CHECKING, SAVINGS);

    private static Set<String> ticked(String... ids) {
        return new LinkedHashSet<>(List.of(ids));
    }

    @Test
    void theUsersTickedAccountsAreChosenInTheOrderTicked() {
        AccountChoice choice = AccountChoice.of(MARIAS, ticked("acc-2", "acc-1"));

        assertTrue(choice.valid());
        assertEquals(List.of(SAVINGS, CHECKING), choice.chosen());
        assertEquals(List.of("acc-2", "acc-1"), choice.chosenIds());
    }

    @Test
    void nothingTickedShowsTheScreenAgainWithTheSelectAccountError() {
        AccountChoice choice = AccountChoice.of(MARIAS, ticked());

        assertFalse(choice.valid());
        assertEquals(List.of(), choice.chosen());
        assertEquals(Set.of(), choice.ticked());
        assertEquals("kcConsentSelectAccount", AccountChoice.ERROR);
    }

    @Test
    void anIdThatIsNotTheUsersRefusesTheWholeChoiceAndIsNotTickedAgain() {
        AccountChoice choice = AccountChoice.of(MARIAS, ticked("acc-1", "someone-elses"));

        assertFalse(choice.valid(), "a forged id changes nothing");
        assertEquals(List.of(), choice.chosen());
        assertEquals(Set.of("acc-1"), choice.ticked(), "the user's own tick survives on the screen shown again");
    }

    @Test
    void aUserWithoutAccountsCannotChooseAny() {
        assertFalse(AccountChoice.of(List.of(), ticked("acc-1")).valid());
    }

    @Test
    void anIdTheAccountSourceListsTwiceCountsItsFirstAccount() {
        Account again = new Account("acc-1", "CONTA_PAGAMENTO_PRE_PAGA", "Outra");

        assertEquals(List.of(CHECKING), AccountChoice.of(List.of(CHECKING, again), ticked("acc-1")).chosen());
    }
}
