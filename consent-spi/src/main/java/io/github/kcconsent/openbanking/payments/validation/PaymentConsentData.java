package io.github.kcconsent.openbanking.payments.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcconsent.accounts.PixAccount;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentType;

/**
 * What a payment consent keeps of its creation request: the validated {@code data} claim reduced to the
 * members of {@code CreatePaymentConsent} ({@code loggedUser}, {@code businessEntity}, {@code creditor},
 * {@code payment}, {@code debtorAccount}), exactly as the partner sent them. Stored as the consent's (encrypted)
 * {@code paymentDetails}; the API answers these members back, and everyone else (the payment screen, the
 * consumption check, the back office) reads them typed through {@link #read}, which applies the same
 * validation with the consent's own creation time as "today", so a stored consent always reads the same.
 * At authorisation the customer's chosen account replaces {@code debtorAccount} ({@link #withDebtorAccount}).
 */
public final class PaymentConsentData {

    /** The one permission a payment consent carries (the store needs one; the payment itself is in the data). */
    public static final String PERMISSION = "PAYMENTS_INITIATE";

    private static final List<String> MEMBERS =
            List.of("loggedUser", "businessEntity", "creditor", "payment", "debtorAccount");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PaymentConsentData() {
    }

    /** The stored form of a validated request's {@code data}: its known members only, as sent. */
    public static String toJson(ObjectNode data) {
        ObjectNode kept = MAPPER.createObjectNode();
        for (String member : MEMBERS) {
            JsonNode value = data.get(member);
            if (value != null) {
                kept.set(member, value.deepCopy());
            }
        }
        return kept.toString();
    }

    /** The stored members as a JSON object, to answer them back or compare them. */
    public static ObjectNode tree(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("stored payment details are not a JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException("stored payment details are not JSON", e);
        }
    }

    /**
     * The stored request, typed.
     *
     * @param createdAt the consent's creation time (the "today" of its date rules)
     * @throws IllegalStateException when the stored data no longer validates (never for data this class stored)
     */
    public static PaymentConsentRequest read(String json, Instant createdAt) {
        try {
            return PaymentConsentRequest.validate(tree(json), createdAt);
        } catch (PaymentConsentRefusal e) {
            throw new IllegalStateException("stored payment details do not validate", e);
        }
    }

    /**
     * The typed request of a payment consent; empty for any other consent, and for stored details that do not
     * read as a payment consent's (not JSON, not an object, or no longer valid), for callers that then show what
     * every consent shows.
     */
    public static Optional<PaymentConsentRequest> of(Consent consent) {
        if (consent.type() != ConsentType.PAYMENT || consent.paymentDetails() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(consent.paymentDetails(), consent.createdAt()));
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The stored form with {@code debtorAccount} set to the account the customer chose to pay from. */
    public static String withDebtorAccount(String json, PixAccount account) {
        ObjectNode tree = tree(json);
        ObjectNode debtor = MAPPER.createObjectNode();
        debtor.put("ispb", account.ispb());
        if (account.issuer() != null) {
            debtor.put("issuer", account.issuer());
        }
        debtor.put("number", account.number());
        debtor.put("accountType", account.accountType());
        tree.set("debtorAccount", debtor);
        return tree.toString();
    }
}
