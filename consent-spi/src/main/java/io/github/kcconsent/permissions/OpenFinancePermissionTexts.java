package io.github.kcconsent.permissions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How Open Finance permissions read on the consent screen: grouped as the spec groups them (Cadastro, Contas,
 * Cartão, Operações de Crédito, Investimentos, Câmbio), one line per group, each a message key. RESOURCES_READ
 * and the base *_READ permissions come with every group and need no line of their own.
 */
public final class OpenFinancePermissionTexts {

    private static final Map<String, String> GROUP_BY_PERMISSION = new LinkedHashMap<>();

    static {
        GROUP_BY_PERMISSION.put("CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ", "kcConsentOfbCadastroPF");
        GROUP_BY_PERMISSION.put("CUSTOMERS_PERSONAL_ADITTIONALINFO_READ", "kcConsentOfbCadastroPFExtra");
        GROUP_BY_PERMISSION.put("CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ", "kcConsentOfbCadastroPJ");
        GROUP_BY_PERMISSION.put("CUSTOMERS_BUSINESS_ADITTIONALINFO_READ", "kcConsentOfbCadastroPJExtra");
        GROUP_BY_PERMISSION.put("ACCOUNTS_BALANCES_READ", "kcConsentOfbContasSaldos");
        GROUP_BY_PERMISSION.put("ACCOUNTS_OVERDRAFT_LIMITS_READ", "kcConsentOfbContasLimites");
        GROUP_BY_PERMISSION.put("ACCOUNTS_TRANSACTIONS_READ", "kcConsentOfbContasExtratos");
        GROUP_BY_PERMISSION.put("CREDIT_CARDS_ACCOUNTS_LIMITS_READ", "kcConsentOfbCartaoLimites");
        GROUP_BY_PERMISSION.put("CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ", "kcConsentOfbCartaoTransacoes");
        GROUP_BY_PERMISSION.put("CREDIT_CARDS_ACCOUNTS_BILLS_READ", "kcConsentOfbCartaoFaturas");
        for (String product : List.of("LOANS", "FINANCINGS", "UNARRANGED_ACCOUNTS_OVERDRAFT", "INVOICE_FINANCINGS")) {
            GROUP_BY_PERMISSION.put(product + "_READ", "kcConsentOfbCredito");
        }
        for (String product : List.of("BANK_FIXED_INCOMES", "CREDIT_FIXED_INCOMES", "FUNDS", "VARIABLE_INCOMES", "TREASURE_TITLES")) {
            GROUP_BY_PERMISSION.put(product + "_READ", "kcConsentOfbInvestimentos");
        }
        GROUP_BY_PERMISSION.put("EXCHANGES_READ", "kcConsentOfbCambio");
    }

    private OpenFinancePermissionTexts() {
    }

    /** One screen line per group present, in the spec's order. */
    public static List<ConsentPermissions.Permission> lines(List<String> permissions) {
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : GROUP_BY_PERMISSION.entrySet()) {
            if (permissions.contains(e.getKey())) {
                byGroup.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        List<ConsentPermissions.Permission> out = new ArrayList<>();
        byGroup.forEach((group, codes) -> out.add(new ConsentPermissions.Permission(String.join(" ", codes), "${" + group + "}")));
        return out;
    }
}
