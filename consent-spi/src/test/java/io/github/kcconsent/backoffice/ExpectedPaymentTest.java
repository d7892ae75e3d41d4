package io.github.kcconsent.backoffice;

import static io.github.kcconsent.fakes.PaymentConsents.CREATED;
import static io.github.kcconsent.fakes.PaymentConsents.DAILY;
import static io.github.kcconsent.fakes.PaymentConsents.IMMEDIATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import io.github.kcconsent.openbanking.payments.validation.PaymentConsentData;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest;
import org.junit.jupiter.api.Test;

class ExpectedPaymentTest {

    private static final PaymentConsentRequest CONSENT = PaymentConsentData.read(IMMEDIATE, CREATED);
    private static final String DEBTOR =
            "\"debtorAccount\":{\"ispb\":\"87654321\",\"issuer\":\"0001\",\"number\":\"9876543210\",\"accountType\":\"SVGS\"}";

    @Test
    void withoutABodyNothingIsCompared() {
        assertSame(ExpectedPayment.NOTHING, ExpectedPayment.parse(null));
        assertSame(ExpectedPayment.NOTHING, ExpectedPayment.parse("  "));
        assertEquals(List.of(), ExpectedPayment.parse("{}").mismatches(CONSENT));
    }

    @Test
    void aPaymentWithTheConsentsValuesMatches() {
        ExpectedPayment expected = ExpectedPayment.parse(
                "{\"amount\":\"1234.56\",\"creditorCpfCnpj\":\"58764789000137\"," + DEBTOR + "}");

        assertEquals(List.of(), expected.mismatches(CONSENT));
        assertEquals(List.of(), ExpectedPayment.parse("{\"amount\":\"001234.56\"}").mismatches(CONSENT),
                "the same amount written with leading zeros");
    }

    @Test
    void aPaymentIsRefusedWhenItsAmountCreditorOrDebtorAccountDiffersAndTheAnswerNamesTheMembersOnly() {
        ExpectedPayment expected = ExpectedPayment.parse("{\"amount\":\"1234.57\",\"creditorCpfCnpj\":\"11144477735\","
                + "\"debtorAccount\":{\"ispb\":\"87654321\",\"issuer\":\"0002\",\"number\":\"9876543210\","
                + "\"accountType\":\"SVGS\"}}");

        assertEquals(List.of("amount", "creditorCpfCnpj", "debtorAccount"), expected.mismatches(CONSENT));
        assertEquals(List.of("debtorAccount"), ExpectedPayment.parse("{" + DEBTOR.replace("SVGS", "CACC") + "}")
                .mismatches(CONSENT), "another account type");
        assertEquals(List.of("debtorAccount"), ExpectedPayment.parse("{" + DEBTOR + "}")
                .mismatches(PaymentConsentData.read(DAILY, CREATED)), "the consent names no debtor account");
    }

    @Test
    void aMalformedBodyIsABadParameterThatNamesTheMemberButNeverItsValue() {
        for (String[] bad : new String[][] {
                {"not json", "the body must be a JSON object"},
                {"[1]", "the body must be a JSON object"},
                {"null", "the body must be a JSON object"},
                {"{\"amount\":1234.56}", "amount must be a string of digits with two decimals, such as 100.00"},
                {"{\"amount\":\"1234.5\"}", "amount must be a string of digits with two decimals, such as 100.00"},
                {"{\"creditorCpfCnpj\":\"587.647.890/0013-7\"}", "creditorCpfCnpj must be 11 (CPF) or 14 (CNPJ) digits"},
                {"{\"debtorAccount\":\"9876543210\"}", "debtorAccount must be an object"},
                {"{\"debtorAccount\":{\"ispb\":\"87654321\",\"accountType\":\"SVGS\"}}", "debtorAccount.number is required"},
                {"{\"debtorAccount\":{\"ispb\":\"87654321\",\"number\":\"98x\",\"accountType\":\"SVGS\"}}",
                        "debtorAccount.number must be 1 to 20 digits"},
                {"{\"debtorAccount\":{\"ispb\":\"1\",\"number\":\"9\",\"accountType\":\"SVGS\"}}",
                        "debtorAccount.ispb must be 8 digits"},
                {"{\"debtorAccount\":{\"ispb\":\"87654321\",\"issuer\":\"12345\",\"number\":\"9\",\"accountType\":\"SVGS\"}}",
                        "debtorAccount.issuer must be 1 to 4 digits"}}) {
            BadParameterException e = assertThrows(BadParameterException.class, () -> ExpectedPayment.parse(bad[0]),
                    bad[0]);
            assertEquals(bad[1], e.getMessage(), bad[0]);
        }
    }

    @Test
    void anUnknownMemberIsRefusedSoThatAMisspeltOneNeverSkipsItsComparison() {
        BadParameterException e = assertThrows(BadParameterException.class,
                () -> ExpectedPayment.parse("{\"ammount\":\"1.00\"}"));
        assertFalse(e.getMessage().contains("1.00"));
        assertEquals(true, e.getMessage().startsWith("unknown member ammount"), e.getMessage());
        assertThrows(BadParameterException.class,
                () -> ExpectedPayment.parse("{\"debtorAccount\":{\"ispb\":\"87654321\",\"number\":\"9\","
                        + "\"accountType\":\"SVGS\",\"branch\":\"1\"}}"));
    }
}
