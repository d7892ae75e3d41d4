package io.github.kcconsent.backoffice;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcconsent.openbanking.payments.validation.PaymentAccount;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest;
import org.keycloak.util.JsonSerialization;

/**
 * The optional body of {@code POST …/consents/{id}/consume}: the values of the payment about to be made, which
 * the consent must match before it is consumed:
 * {@code {"amount": "100.00", "creditorCpfCnpj": "…", "debtorAccount": {"ispb", "issuer", "number", "accountType"}}},
 * every member optional. A member the request does not know is refused rather than ignored: a misspelt member
 * would otherwise skip its comparison without anyone noticing.
 *
 * @param amount          the payment's amount (two decimals), or null to skip the comparison
 * @param creditorCpfCnpj the creditor's CPF or CNPJ, digits only, or null
 * @param debtorAccount   the account the payment leaves from, or null
 */
record ExpectedPayment(BigDecimal amount, String creditorCpfCnpj, DebtorAccount debtorAccount) {

    /** The account as the payment names it; {@code issuer} may be absent only as the consent's may be. */
    record DebtorAccount(String ispb, String issuer, String number, String accountType) {
    }

    static final ExpectedPayment NOTHING = new ExpectedPayment(null, null, null);

    private static final Set<String> MEMBERS = Set.of("amount", "creditorCpfCnpj", "debtorAccount");
    private static final Set<String> ACCOUNT_MEMBERS = Set.of("ispb", "issuer", "number", "accountType");
    /** The Payments API's amount pattern. */
    private static final Pattern AMOUNT = Pattern.compile("^\\d{1,16}\\.\\d{2}$");
    private static final Pattern CPF_CNPJ = Pattern.compile("^(\\d{11}|\\d{14})$");
    private static final Pattern ISPB = Pattern.compile("^\\d{8}$");
    private static final Pattern ISSUER = Pattern.compile("^\\d{1,4}$");
    private static final Pattern NUMBER = Pattern.compile("^\\d{1,20}$");
    private static final Pattern ACCOUNT_TYPE = Pattern.compile("^(CACC|SVGS|TRAN)$");

    /**
     * @param body the request body; empty means nothing to compare
     * @throws BadParameterException for anything but a JSON object of the members above, each well-formed; the
     *                               message names the member, never its value
     */
    static ExpectedPayment parse(String body) {
        if (body == null || body.isBlank()) {
            return NOTHING;
        }
        JsonNode root;
        try {
            root = JsonSerialization.mapper.readTree(body);
        } catch (IOException e) {
            throw new BadParameterException("the body must be a JSON object");
        }
        if (root == null || !root.isObject()) {
            throw new BadParameterException("the body must be a JSON object");
        }
        onlyKnown(root, MEMBERS, "");
        String amount = text(root, "amount", "amount", AMOUNT, "a string of digits with two decimals, such as 100.00");
        String document = text(root, "creditorCpfCnpj", "creditorCpfCnpj", CPF_CNPJ, "11 (CPF) or 14 (CNPJ) digits");
        return new ExpectedPayment(amount == null ? null : new BigDecimal(amount), document, account(root));
    }

    /**
     * The names of the members whose value differs from the consent's, in a fixed order; empty when everything
     * asked matches. A debtor account is compared member by member, branch included.
     */
    List<String> mismatches(PaymentConsentRequest consent) {
        List<String> out = new ArrayList<>();
        if (amount != null && amount.compareTo(consent.payment().amount().value()) != 0) {
            out.add("amount");
        }
        if (creditorCpfCnpj != null && !creditorCpfCnpj.equals(consent.creditor().cpfCnpj())) {
            out.add("creditorCpfCnpj");
        }
        if (debtorAccount != null && !matches(debtorAccount, consent.debtorAccount())) {
            out.add("debtorAccount");
        }
        return out;
    }

    private static boolean matches(DebtorAccount expected, PaymentAccount stored) {
        return stored != null
                && expected.ispb().equals(stored.ispb())
                && Objects.equals(expected.issuer(), stored.issuer())
                && expected.number().equals(stored.number())
                && expected.accountType().equals(stored.accountType().name());
    }

    private static DebtorAccount account(JsonNode root) {
        JsonNode node = root.get("debtorAccount");
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw new BadParameterException("debtorAccount must be an object");
        }
        onlyKnown(node, ACCOUNT_MEMBERS, "debtorAccount.");
        String ispb = required(node, "ispb", ISPB, "8 digits");
        String issuer = text(node, "issuer", "debtorAccount.issuer", ISSUER, "1 to 4 digits");
        String number = required(node, "number", NUMBER, "1 to 20 digits");
        String type = required(node, "accountType", ACCOUNT_TYPE, "CACC, SVGS or TRAN");
        return new DebtorAccount(ispb, issuer, number, type);
    }

    private static void onlyKnown(JsonNode object, Set<String> known, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                // A member name is the caller's own text, not personal data; cut it so an answer stays short.
                String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
                throw new BadParameterException("unknown member " + prefix + shown + "; known: " + known);
            }
        }
    }

    /** The member's text if present; null if absent; a bad parameter if it is not a string of that shape. */
    private static String text(JsonNode object, String name, String label, Pattern shape, String description) {
        JsonNode value = object.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || !shape.matcher(value.textValue()).matches()) {
            throw new BadParameterException(label + " must be " + description);
        }
        return value.textValue();
    }

    /** A member of {@code debtorAccount} that every account has. */
    private static String required(JsonNode account, String name, Pattern shape, String description) {
        String label = "debtorAccount." + name;
        String value = text(account, name, label, shape, description);
        if (value == null) {
            throw new BadParameterException(label + " is required");
        }
        return value;
    }
}
