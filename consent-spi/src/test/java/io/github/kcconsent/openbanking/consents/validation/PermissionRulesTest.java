package io.github.kcconsent.openbanking.consents.validation;

import java.util.EnumSet;
import java.util.Set;
import io.github.kcconsent.openbanking.api.ApiError;
import org.junit.jupiter.api.Test;

import static io.github.kcconsent.openbanking.consents.validation.Permission.*;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PermissionRulesTest {

    private static String code(Set<Permission> permissions, boolean businessEntity) {
        ApiError e = assertThrows(ApiError.class, () -> PermissionRules.check(permissions, businessEntity));
        assertEquals(422, e.status());
        return e.code();
    }

    @Test
    void theEnumHasTheSpecsThirtySixPermissions() {
        assertEquals(36, Permission.values().length);
    }

    @Test
    void everyPermissionBelongsToSomeGroup() {
        Set<Permission> grouped = EnumSet.noneOf(Permission.class);
        PermissionRules.GROUPS.forEach(grouped::addAll);
        assertEquals(EnumSet.allOf(Permission.class), grouped);
    }

    @Test
    void completeGroupsAndUnionsOfGroupsAreAccepted() {
        assertDoesNotThrow(() -> PermissionRules.check(EnumSet.of(ACCOUNTS_READ, ACCOUNTS_BALANCES_READ, RESOURCES_READ), false));
        assertDoesNotThrow(() -> PermissionRules.check(EnumSet.of(ACCOUNTS_READ, ACCOUNTS_BALANCES_READ,
                ACCOUNTS_TRANSACTIONS_READ, ACCOUNTS_OVERDRAFT_LIMITS_READ, CREDIT_CARDS_ACCOUNTS_READ,
                CREDIT_CARDS_ACCOUNTS_LIMITS_READ, CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ, RESOURCES_READ), false));
        assertDoesNotThrow(() -> PermissionRules.check(EnumSet.of(EXCHANGES_READ, RESOURCES_READ), false));
        assertDoesNotThrow(() -> PermissionRules.check(EnumSet.of(CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ,
                CUSTOMERS_BUSINESS_ADITTIONALINFO_READ, RESOURCES_READ), true));
        Set<Permission> everythingButPersonal = EnumSet.allOf(Permission.class);
        everythingButPersonal.removeIf(Permission::isPersonalRegistration);
        assertDoesNotThrow(() -> PermissionRules.check(everythingButPersonal, true));
    }

    @Test
    void incompleteGroupsAreRefused() {
        assertEquals("COMBINACAO_PERMISSOES_INCORRETA", code(EnumSet.of(ACCOUNTS_READ, RESOURCES_READ), false));
        assertEquals("COMBINACAO_PERMISSOES_INCORRETA", code(EnumSet.of(ACCOUNTS_BALANCES_READ, RESOURCES_READ), false));
        assertEquals("COMBINACAO_PERMISSOES_INCORRETA", code(EnumSet.of(RESOURCES_READ), false));
        assertEquals("COMBINACAO_PERMISSOES_INCORRETA", code(EnumSet.of(ACCOUNTS_READ, ACCOUNTS_BALANCES_READ), false),
                "RESOURCES_READ belongs to every group");
        assertEquals("COMBINACAO_PERMISSOES_INCORRETA", code(EnumSet.of(LOANS_READ, LOANS_PAYMENTS_READ,
                LOANS_WARRANTIES_READ, LOANS_SCHEDULED_INSTALMENTS_READ, RESOURCES_READ), false),
                "credit operations are one group of all four products");
        assertEquals("COMBINACAO_PERMISSOES_INCORRETA", code(EnumSet.of(FUNDS_READ, RESOURCES_READ), false));
        assertEquals("COMBINACAO_PERMISSOES_INCORRETA", code(EnumSet.of(ACCOUNTS_READ, ACCOUNTS_BALANCES_READ,
                RESOURCES_READ, CREDIT_CARDS_ACCOUNTS_BILLS_READ), false), "one stray permission spoils the request");
    }

    @Test
    void personalAndBusinessRulesGiveTheirOwnCodes() {
        assertEquals("PERMISSAO_PF_PJ_EM_CONJUNTO", code(EnumSet.of(CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ,
                CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ, RESOURCES_READ), true));
        assertEquals("PERMISSAO_PF_PJ_EM_CONJUNTO", code(EnumSet.of(CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ,
                CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ, RESOURCES_READ), false));
        assertEquals("INFORMACOES_PJ_NAO_INFORMADAS", code(EnumSet.of(CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ,
                RESOURCES_READ), false));
        assertEquals("PERMISSOES_PJ_INCORRETAS", code(EnumSet.of(CUSTOMERS_PERSONAL_ADITTIONALINFO_READ,
                RESOURCES_READ), true));
    }
}
