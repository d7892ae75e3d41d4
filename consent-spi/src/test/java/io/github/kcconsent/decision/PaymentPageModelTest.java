package io.github.kcconsent.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest;
import org.junit.jupiter.api.Test;

/** What the payment screen renders of a stored payment consent. */
class PaymentPageModelTest {

    static final Instant CREATED_AT = Instant.parse("2026-03-01T15:00:00Z");

    static PaymentConsentRequest request(String personType, String document, String debtorAccount) throws Exception {
        ObjectNode data = (ObjectNode) new ObjectMapper().readTree("""
                {"loggedUser":{"document":{"identification":"52998224725","rel":"CPF"}},
                 "creditor":{"personType":"%s","cpfCnpj":"%s","name":"<script>alert(1)</script> Padaria"},
                 "payment":{"type":"PIX","date":"2026-03-01","currency":"BRL","amount":"1234.56",
                   "details":{"localInstrument":"MANU",
                     "creditorAccount":{"ispb":"99999004","issuer":"1774","number":"1234567890","accountType":"CACC"}}}
                 %s}
                """.formatted(personType, document, debtorAccount == null ? "" : ",\"debtorAccount\":" + debtorAccount));
        return PaymentConsentRequest.validate(data, CREATED_AT);
    }

    @Test
    void theScreenShowsTheAmountTheMaskedCreditorAndItsInstitution() throws Exception {
        PaymentPageModel model = new PaymentPageModel("Parceiro", null, request("PESSOA_NATURAL", "11144477735", null),
                List.of(PaymentAccountsTest.PERSONAL_CURRENT, PaymentAccountsTest.PERSONAL_SAVINGS), null,
                PaymentFormatTest.PT_BR);
        assertEquals("R$\u00a01.234,56", model.getAmount());
        assertEquals("<script>alert(1)</script> Padaria", model.getCreditorName(), "as sent: the template escapes it");
        assertEquals("CPF", model.getCreditorDocumentType());
        assertEquals("***.444.777-**", model.getCreditorDocument());
        assertEquals("99999004", model.getCreditorIspb());
        assertEquals("immediate", model.getWhen().getVariant());
        assertFalse(model.isDebtorAccountFixed());
        assertFalse(model.getAccounts().get(0).isSelected(), "two accounts: the customer chooses");
    }

    @Test
    void aCompanyCreditorShowsItsMaskedCnpjAndASingleAccountIsTickedAlready() throws Exception {
        PaymentPageModel model = new PaymentPageModel("Parceiro", null, request("PESSOA_JURIDICA", "58764789000137",
                "{\"ispb\":\"12345678\",\"issuer\":\"1774\",\"number\":\"1234567890\",\"accountType\":\"CACC\"}"),
                List.of(PaymentAccountsTest.PERSONAL_CURRENT), null, Locale.ENGLISH);
        assertEquals("R$1,234.56", model.getAmount());
        assertEquals("CNPJ", model.getCreditorDocumentType());
        assertEquals("**.764.789/0001-**", model.getCreditorDocument());
        assertTrue(model.isDebtorAccountFixed());
        assertTrue(model.getAccounts().get(0).isSelected());
    }
}
