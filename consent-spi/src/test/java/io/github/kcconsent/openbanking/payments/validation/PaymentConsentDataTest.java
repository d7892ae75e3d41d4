package io.github.kcconsent.openbanking.payments.validation;

import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.CPF;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.CREATED_AT;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.json;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.set;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcconsent.accounts.PixAccount;
import org.junit.jupiter.api.Test;

class PaymentConsentDataTest {

    private static final List<String> MEMBERS =
            List.of("loggedUser", "businessEntity", "creditor", "payment", "debtorAccount");

    @Test
    void theStoredFormKeepsTheKnownMembersExactlyAsSentAndNothingElse() {
        ObjectNode data = valid();
        set(data, "businessEntity", "{\"document\":{\"identification\":\"11222333000181\",\"rel\":\"CNPJ\"}}");
        set(data, "debtorAccount", "{\"ispb\":\"12345678\",\"issuer\":\"1\",\"number\":\"123\",\"accountType\":\"CACC\"}");
        set(data, "payment.vendorExtension", "\"kept: it is inside a known member, as sent\"");
        set(data, "unknown", "{\"secret\":\"x\"}");
        set(data, "consentId", "\"urn:forged:1\"");

        ObjectNode stored = PaymentConsentData.tree(PaymentConsentData.toJson(data));

        assertEquals(MEMBERS, fieldNames(stored), "known members, in their own order; unknown ones dropped");
        for (String member : MEMBERS) {
            assertEquals(data.get(member), stored.get(member), member);
        }
    }

    @Test
    void absentMembersStayAbsent() {
        ObjectNode stored = PaymentConsentData.tree(PaymentConsentData.toJson(valid()));
        assertEquals(List.of("loggedUser", "creditor", "payment"), fieldNames(stored));
    }

    @Test
    void theStoredFormIsACopyTheRequestCanNoLongerChange() {
        ObjectNode data = valid();
        String stored = PaymentConsentData.toJson(data);
        set(data, "payment.amount", "\"999.99\"");
        assertEquals("100.12", PaymentConsentData.tree(stored).path("payment").path("amount").asText());
    }

    @Test
    void theStoredFormReadsTypedWithTheConsentsCreationDayAsToday() {
        String stored = PaymentConsentData.toJson(valid());
        PaymentConsentRequest read = PaymentConsentData.read(stored, CREATED_AT);
        assertEquals(CPF, read.cpf());
        assertEquals(PaymentRequests.TODAY, read.payment().date());
        assertEquals(PaymentConsentRequest.validate(valid(), CREATED_AT), read);
    }

    @Test
    void storedDataThatNoLongerValidatesIsAnIllegalStateNotARefusalForThePartner() {
        String stored = PaymentConsentData.toJson(valid());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PaymentConsentData.read(stored, CREATED_AT.plusSeconds(86_400)));
        assertInstanceOf(PaymentConsentRefusal.class, e.getCause());
        assertFalse(e.getMessage().contains(CPF), "no personal data in the message");
    }

    @Test
    void storedDetailsThatAreNotAJsonObjectAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PaymentConsentData.tree("[]"));
        assertThrows(IllegalArgumentException.class, () -> PaymentConsentData.tree("\"x\""));
        assertThrows(UncheckedIOException.class, () -> PaymentConsentData.tree("{not json"));
    }

    @Test
    void theChosenAccountBecomesTheDebtorAccountAndNothingElseChanges() {
        String stored = PaymentConsentData.toJson(valid());
        String authorised = PaymentConsentData.withDebtorAccount(stored,
                new PixAccount("87654321", "1", "94088392", "CACC"));

        ObjectNode before = PaymentConsentData.tree(stored);
        ObjectNode after = PaymentConsentData.tree(authorised);
        assertEquals(json("{\"ispb\":\"87654321\",\"issuer\":\"1\",\"number\":\"94088392\",\"accountType\":\"CACC\"}"),
                after.get("debtorAccount"));
        after.remove("debtorAccount");
        assertEquals(before, after);
        assertEquals(new PaymentAccount("87654321", "1", "94088392", AccountType.CACC),
                PaymentConsentData.read(authorised, CREATED_AT).debtorAccount(), "it reads back typed");
    }

    @Test
    void theChosenAccountReplacesOneThePartnerSentAndAPaymentAccountHasNoBranch() {
        ObjectNode data = valid();
        set(data, "debtorAccount", "{\"ispb\":\"12345678\",\"issuer\":\"1774\",\"number\":\"1\",\"accountType\":\"SVGS\"}");
        String authorised = PaymentConsentData.withDebtorAccount(PaymentConsentData.toJson(data),
                new PixAccount("87654321", null, "5", "TRAN"));
        ObjectNode debtor = (ObjectNode) PaymentConsentData.tree(authorised).get("debtorAccount");
        assertEquals(json("{\"ispb\":\"87654321\",\"number\":\"5\",\"accountType\":\"TRAN\"}"), debtor);
        assertNull(PaymentConsentData.read(authorised, CREATED_AT).debtorAccount().issuer());
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
