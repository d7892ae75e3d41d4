package io.github.kcconsent.openbanking.consents.validation;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import io.github.kcconsent.openbanking.api.ApiError;

import static io.github.kcconsent.openbanking.consents.validation.Permission.*;

/**
 * The business rules on a create request's permissions (the 422s of {@code POST /consents}): data groups
 * ("agrupamentos") come whole, and personal (PF) and business (PJ) registration data follow the
 * {@code businessEntity}. We offer every product, so no group is ever dropped and
 * {@code SEM_PERMISSOES_FUNCIONAIS_RESTANTES} cannot happen here.
 */
public final class PermissionRules {

    /** Each set must be requested entirely; a request is valid when it is exactly a union of such sets. */
    static final List<Set<Permission>> GROUPS = List.of(
            EnumSet.of(CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ, RESOURCES_READ),
            EnumSet.of(CUSTOMERS_PERSONAL_ADITTIONALINFO_READ, RESOURCES_READ),
            EnumSet.of(CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ, RESOURCES_READ),
            EnumSet.of(CUSTOMERS_BUSINESS_ADITTIONALINFO_READ, RESOURCES_READ),
            EnumSet.of(ACCOUNTS_READ, ACCOUNTS_BALANCES_READ, RESOURCES_READ),
            EnumSet.of(ACCOUNTS_READ, ACCOUNTS_OVERDRAFT_LIMITS_READ, RESOURCES_READ),
            EnumSet.of(ACCOUNTS_READ, ACCOUNTS_TRANSACTIONS_READ, RESOURCES_READ),
            EnumSet.of(CREDIT_CARDS_ACCOUNTS_READ, CREDIT_CARDS_ACCOUNTS_LIMITS_READ, RESOURCES_READ),
            EnumSet.of(CREDIT_CARDS_ACCOUNTS_READ, CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ, RESOURCES_READ),
            EnumSet.of(CREDIT_CARDS_ACCOUNTS_READ, CREDIT_CARDS_ACCOUNTS_BILLS_READ,
                    CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ, RESOURCES_READ),
            // Operações de crédito: one group for the four products (a product-group permission set).
            EnumSet.of(LOANS_READ, LOANS_WARRANTIES_READ, LOANS_SCHEDULED_INSTALMENTS_READ, LOANS_PAYMENTS_READ,
                    FINANCINGS_READ, FINANCINGS_WARRANTIES_READ, FINANCINGS_SCHEDULED_INSTALMENTS_READ,
                    FINANCINGS_PAYMENTS_READ,
                    UNARRANGED_ACCOUNTS_OVERDRAFT_READ, UNARRANGED_ACCOUNTS_OVERDRAFT_WARRANTIES_READ,
                    UNARRANGED_ACCOUNTS_OVERDRAFT_SCHEDULED_INSTALMENTS_READ,
                    UNARRANGED_ACCOUNTS_OVERDRAFT_PAYMENTS_READ,
                    INVOICE_FINANCINGS_READ, INVOICE_FINANCINGS_WARRANTIES_READ,
                    INVOICE_FINANCINGS_SCHEDULED_INSTALMENTS_READ, INVOICE_FINANCINGS_PAYMENTS_READ,
                    RESOURCES_READ),
            EnumSet.of(BANK_FIXED_INCOMES_READ, CREDIT_FIXED_INCOMES_READ, FUNDS_READ, VARIABLE_INCOMES_READ,
                    TREASURE_TITLES_READ, RESOURCES_READ),
            EnumSet.of(EXCHANGES_READ, RESOURCES_READ));

    private PermissionRules() {
    }

    /**
     * @param requested    the (already enum-checked, duplicate-free) permissions
     * @param businessEntity whether the request names a business entity (CNPJ)
     * @throws ApiError 422 with the spec's code for the first rule broken
     */
    public static void check(Set<Permission> requested, boolean businessEntity) {
        boolean personal = requested.stream().anyMatch(Permission::isPersonalRegistration);
        boolean business = requested.stream().anyMatch(Permission::isBusinessRegistration);
        // Most specific first: asking for both PF and PJ data is one mistake, not two.
        if (personal && business) {
            throw ApiError.unprocessable("PERMISSAO_PF_PJ_EM_CONJUNTO", "Permissões PF e PJ em conjunto",
                    "Dados cadastrais de pessoa natural e de pessoa jurídica não podem ser pedidos no mesmo consentimento.");
        }
        if (business && !businessEntity) {
            throw ApiError.unprocessable("INFORMACOES_PJ_NAO_INFORMADAS", "Informações PJ não informadas",
                    "Permissões de dados cadastrais de pessoa jurídica exigem o campo businessEntity.");
        }
        if (personal && businessEntity) {
            throw ApiError.unprocessable("PERMISSOES_PJ_INCORRETAS", "Permissões PJ incorretas",
                    "Um consentimento com businessEntity não pode pedir dados cadastrais de pessoa natural.");
        }
        if (!isUnionOfGroups(requested)) {
            throw ApiError.unprocessable("COMBINACAO_PERMISSOES_INCORRETA", "Combinação de permissões incorreta",
                    "As permissões devem formar agrupamentos completos de dados, conforme a especificação.");
        }
    }

    static boolean isUnionOfGroups(Set<Permission> requested) {
        Set<Permission> covered = EnumSet.noneOf(Permission.class);
        for (Set<Permission> group : GROUPS) {
            if (requested.containsAll(group)) {
                covered.addAll(group);
            }
        }
        return covered.equals(requested);
    }
}
