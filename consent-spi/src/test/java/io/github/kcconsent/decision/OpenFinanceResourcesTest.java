package io.github.kcconsent.decision;

import java.util.List;
import io.github.kcconsent.accounts.Account;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenFinanceResourcesTest {

    static final String COMPANY = "11222333000181";
    static final Account PERSONAL = new Account("acc-1", "CONTA_DEPOSITO_A_VISTA", "Conta •••• 1");
    static final Account BUSINESS = new Account("acc-2", "CONTA_DEPOSITO_A_VISTA", "Conta PJ •••• 2", COMPANY);
    static final Account OTHER_BUSINESS = new Account("acc-3", "CONTA_DEPOSITO_A_VISTA", "Outra •••• 3", "11444777000161");

    @Test
    void accountsAndCardsNeedAnAccountChoice() {
        assertTrue(OpenFinanceResources.needsAccounts(List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "RESOURCES_READ")));
        assertTrue(OpenFinanceResources.needsAccounts(List.of("CREDIT_CARDS_ACCOUNTS_READ", "CREDIT_CARDS_ACCOUNTS_LIMITS_READ", "RESOURCES_READ")));
    }

    @Test
    void registrationDataCreditAndInvestmentsNeedNone() {
        assertFalse(OpenFinanceResources.needsAccounts(List.of("CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ", "RESOURCES_READ")));
        assertFalse(OpenFinanceResources.needsAccounts(List.of("LOANS_READ", "LOANS_PAYMENTS_READ", "RESOURCES_READ")));
        assertFalse(OpenFinanceResources.needsAccounts(List.of("FUNDS_READ", "RESOURCES_READ")));
    }

    @Test
    void aPersonalConsentOffersOnlyPersonalAccounts() {
        assertEquals(List.of(PERSONAL), OpenFinanceResources.offered(List.of(PERSONAL, BUSINESS, OTHER_BUSINESS), null));
        assertFalse(OpenFinanceResources.belongsTo(BUSINESS, null));
    }

    @Test
    void aBusinessConsentOffersOnlyItsCompanysAccounts() {
        assertEquals(List.of(BUSINESS), OpenFinanceResources.offered(List.of(PERSONAL, BUSINESS, OTHER_BUSINESS), COMPANY));
        assertFalse(OpenFinanceResources.belongsTo(OTHER_BUSINESS, COMPANY));
        assertFalse(OpenFinanceResources.belongsTo(PERSONAL, COMPANY));
    }
}
