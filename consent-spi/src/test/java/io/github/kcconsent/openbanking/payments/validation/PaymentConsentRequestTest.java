package io.github.kcconsent.openbanking.payments.validation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcconsent.openbanking.api.ApiError;
import org.junit.jupiter.api.Test;

import static io.github.kcconsent.openbanking.payments.validation.PaymentErrorCode.DATA_PAGAMENTO_INVALIDA;
import static io.github.kcconsent.openbanking.payments.validation.PaymentErrorCode.DETALHE_PAGAMENTO_INVALIDO;
import static io.github.kcconsent.openbanking.payments.validation.PaymentErrorCode.FORMA_PAGAMENTO_INVALIDA;
import static io.github.kcconsent.openbanking.payments.validation.PaymentErrorCode.PARAMETRO_INVALIDO;
import static io.github.kcconsent.openbanking.payments.validation.PaymentErrorCode.PARAMETRO_NAO_INFORMADO;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.CNPJ;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.CPF;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.CREDITOR_CNPJ;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.CREDITOR_CPF;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.TODAY;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.accept;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.quoted;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.refuse;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.refusedOnce;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.remove;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.repeat;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.scheduled;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.set;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaymentConsentRequestTest {

    @Test
    void anImmediateDictPaymentForTodayIsReadIntoTypedValues() {
        PaymentConsentRequest r = accept(valid());
        assertEquals(CPF, r.cpf());
        assertNull(r.cnpj());
        assertEquals(new Creditor(PersonType.PESSOA_JURIDICA, CREDITOR_CNPJ, "Padaria S\u00e3o Jo\u00e3o Ltda."),
                r.creditor());
        Payment p = r.payment();
        assertEquals(PaymentType.PIX, p.type());
        assertEquals("BRL", p.currency());
        assertEquals(new Amount("100.12", new BigDecimal("100.12")), p.amount());
        assertEquals("5300108", p.ibgeTownCode());
        assertEquals(TODAY, p.date());
        assertNull(p.schedule());
        assertFalse(p.isScheduled());
        assertEquals(List.of(TODAY), p.paymentDates());
        assertEquals(new PaymentDetails(LocalInstrument.DICT, null, "12345678901",
                new PaymentAccount("12345678", "1774", "1234567890", AccountType.CACC)), p.details());
        assertNull(r.debtorAccount());
    }

    @Test
    void everyLocalInstrumentIsAcceptedWithTheDetailsItNeeds() {
        assertEquals(LocalInstrument.MANU, accept(remove(set(valid(), "payment.details.localInstrument",
                quoted("MANU")), "payment.details.proxy")).payment().details().localInstrument());
        assertEquals(LocalInstrument.DICT, accept(valid()).payment().details().localInstrument());
        for (String qr : List.of("QRDN", "QRES")) {
            PaymentDetails d = accept(set(set(valid(), "payment.details.localInstrument", quoted(qr)),
                    "payment.details.qrCode", quoted("00020126580014br.gov.bcb.pix"))).payment().details();
            assertEquals(LocalInstrument.valueOf(qr), d.localInstrument());
            assertEquals("00020126580014br.gov.bcb.pix", d.qrCode());
        }
        assertEquals(LocalInstrument.INIC, accept(set(valid(), "payment.details.localInstrument", quoted("INIC")))
                .payment().details().localInstrument());
    }

    @Test
    void aBusinessRequestWithADebtorPaymentAccountWithoutBranchAndUnknownFieldsIsRead() {
        ObjectNode data = set(valid(), "businessEntity",
                "{\"document\":{\"identification\":\"" + CNPJ + "\",\"rel\":\"CNPJ\"}}");
        set(data, "debtorAccount", "{\"ispb\":\"87654321\",\"number\":\"42\",\"accountType\":\"TRAN\"}");
        set(data, "creditor", "{\"personType\":\"PESSOA_NATURAL\",\"cpfCnpj\":\"" + CREDITOR_CPF
                + "\",\"name\":\"Jos\u00e9 d'\u00c1vila & Cia (MEI) 2\"}");
        set(data, "futureField", "{\"anything\":1}");
        remove(data, "payment.ibgeTownCode");
        PaymentConsentRequest r = accept(data);
        assertEquals(CNPJ, r.cnpj());
        assertEquals(new PaymentAccount("87654321", null, "42", AccountType.TRAN), r.debtorAccount());
        assertEquals(PersonType.PESSOA_NATURAL, r.creditor().personType());
        assertNull(r.payment().ibgeTownCode());
    }

    @Test
    void theAmountKeepsItsStringAndHasTwoDecimalPlacesUpToSixteenIntegerDigits() {
        Amount amount = accept(set(valid(), "payment.amount", quoted("0001234567890123.45"))).payment().amount();
        assertEquals("0001234567890123.45", amount.text());
        assertEquals(new BigDecimal("1234567890123.45"), amount.value());
        assertEquals(2, accept(set(valid(), "payment.amount", quoted("0.01"))).payment().amount().value().scale());
        refusedOnce(set(valid(), "payment.amount", quoted(repeat('9', 17) + ".00")), PARAMETRO_INVALIDO,
                "data.payment.amount");
    }

    @Test
    void todayIsTheCreationDayInBrasiliaTimeNotInUtc() {
        // 01:30 UTC on 2 March is still 1 March in Brasília (UTC-3).
        Instant lateEvening = Instant.parse("2026-03-02T01:30:00Z");
        assertEquals(TODAY, PaymentConsentRequest.validate(valid(), lateEvening).payment().date());
        ObjectNode utcDay = set(valid(), "payment.date", quoted("2026-03-02"));
        assertThrows(PaymentConsentRefusal.class, () -> PaymentConsentRequest.validate(utcDay, lateEvening));
    }

    @Test
    void eachMissingRequiredFieldIsParametroNaoInformadoNamingItsPath() {
        for (String path : List.of("loggedUser", "loggedUser.document", "loggedUser.document.identification",
                "loggedUser.document.rel", "creditor", "creditor.personType", "creditor.cpfCnpj", "creditor.name",
                "payment", "payment.type", "payment.currency", "payment.amount", "payment.details",
                "payment.details.localInstrument", "payment.details.creditorAccount",
                "payment.details.creditorAccount.ispb", "payment.details.creditorAccount.number",
                "payment.details.creditorAccount.accountType")) {
            refusedOnce(remove(valid(), path), PARAMETRO_NAO_INFORMADO, "data." + path);
        }
        ObjectNode business = set(valid(), "businessEntity", "{\"document\":{\"rel\":\"CNPJ\"}}");
        refusedOnce(business, PARAMETRO_NAO_INFORMADO, "data.businessEntity.document.identification");
        ObjectNode debtor = set(valid(), "debtorAccount", "{\"ispb\":\"12345678\",\"accountType\":\"TRAN\"}");
        refusedOnce(debtor, PARAMETRO_NAO_INFORMADO, "data.debtorAccount.number");
    }

    @Test
    void eachMalformedFieldIsParametroInvalidoNamingItsPath() {
        String[][] cases = {
                {"loggedUser", "\"52998224725\""},
                {"loggedUser.document.identification", "\"529.982.247-25\""},
                {"loggedUser.document.identification", "52998224725"},
                {"loggedUser.document.identification", "\"52998224726\""},
                {"loggedUser.document.rel", "\"cpf\""},
                {"businessEntity", "null"},
                {"businessEntity", "{\"document\":{\"identification\":\"11222333000182\",\"rel\":\"CNPJ\"}}",
                        "businessEntity.document.identification"},
                {"businessEntity", "{\"document\":{\"identification\":\"12ABC34501DE35\",\"rel\":\"CNPJ\"}}",
                        "businessEntity.document.identification"},
                {"businessEntity", "{\"document\":{\"identification\":\"11222333000181\",\"rel\":\"CPF\"}}",
                        "businessEntity.document.rel"},
                {"creditor.personType", "\"PESSOA_FISICA\""},
                {"creditor.cpfCnpj", "\"587647890001\""},
                {"creditor.cpfCnpj", "\"58764789000138\""},
                {"creditor.cpfCnpj", "\"" + CREDITOR_CPF + "\""},
                {"creditor.name", "\"" + repeat('a', 121) + "\""},
                {"creditor.name", "\"Nome com emoji \u263a\""},
                {"creditor.name", "\"\""},
                {"payment.type", "1"},
                {"payment.currency", "\"brl\""},
                {"payment.currency", "\"BRLX\""},
                {"payment.amount", "100.12"},
                {"payment.amount", "\"100.1\""},
                {"payment.amount", "\"100\""},
                {"payment.amount", "\"-1.00\""},
                {"payment.amount", "\"1,00\""},
                {"payment.ibgeTownCode", "\"530010\""},
                {"payment.ibgeTownCode", "5300108"},
                {"payment.date", "\"01/03/2026\""},
                {"payment.date", "\"2026-02-30\""},
                {"payment.date", "null"},
                {"payment.details", "[]"},
                {"payment.details.localInstrument", "null"},
                {"payment.details.proxy", "\"" + repeat('k', 78) + "\""},
                {"payment.details.proxy", "\"\""},
                {"payment.details.qrCode", "\"" + repeat('q', 513) + "\""},
                {"payment.details.creditorAccount.ispb", "\"1234567\""},
                {"payment.details.creditorAccount.issuer", "\"12345\""},
                {"payment.details.creditorAccount.issuer", "\"\""},
                {"payment.details.creditorAccount.number", "\"12345-6\""},
                {"payment.details.creditorAccount.number", "\"" + repeat('1', 21) + "\""},
                {"payment.details.creditorAccount.accountType", "\"SLRY\""},
        };
        for (String[] c : cases) {
            refusedOnce(set(valid(), c[0], c[1]), PARAMETRO_INVALIDO, "data." + (c.length > 2 ? c[2] : c[0]));
        }
    }

    @Test
    void aPersonCreditorNeedsACpfAndACompanyCreditorACnpj() {
        ObjectNode person = set(valid(), "creditor.personType", quoted("PESSOA_NATURAL"));
        refusedOnce(person, PARAMETRO_INVALIDO, "data.creditor.cpfCnpj");
        ObjectNode company = set(valid(), "creditor.cpfCnpj", quoted(CREDITOR_CPF));
        refusedOnce(company, PARAMETRO_INVALIDO, "data.creditor.cpfCnpj");
    }

    @Test
    void aPaymentTypeOrLocalInstrumentWeDoNotOfferIsFormaPagamentoInvalida() {
        refusedOnce(set(valid(), "payment.type", quoted("TED")), FORMA_PAGAMENTO_INVALIDA, "data.payment.type");
        refusedOnce(set(valid(), "payment.details.localInstrument", quoted("BOLETO")), FORMA_PAGAMENTO_INVALIDA,
                "data.payment.details.localInstrument");
    }

    @Test
    void aRecurringScheduleAcceptsOnlyManuDictOrQres() {
        String daily = "{\"daily\":{\"startDate\":\"2026-03-02\",\"quantity\":3}}";
        for (String instrument : List.of("QRDN", "INIC")) {
            ObjectNode data = set(set(scheduled(valid(), daily), "payment.details.localInstrument",
                    quoted(instrument)), "payment.details.qrCode", quoted("000201"));
            refusedOnce(data, FORMA_PAGAMENTO_INVALIDA, "data.payment.details.localInstrument");
        }
        ObjectNode qres = set(set(scheduled(valid(), daily), "payment.details.localInstrument", quoted("QRES")),
                "payment.details.qrCode", quoted("000201"));
        assertEquals(3, accept(qres).payment().paymentDates().size());
        ObjectNode single = set(set(scheduled(valid(), "{\"single\":{\"date\":\"2026-03-02\"}}"),
                "payment.details.localInstrument", quoted("QRDN")), "payment.details.qrCode", quoted("000201"));
        assertEquals(LocalInstrument.QRDN, accept(single).payment().details().localInstrument());
    }

    @Test
    void manuMustNotCarryAPixKeyAndEveryOtherInstrumentMust() {
        refusedOnce(set(valid(), "payment.details.localInstrument", quoted("MANU")), DETALHE_PAGAMENTO_INVALIDO,
                "data.payment.details.proxy");
        for (String instrument : List.of("DICT", "QRDN", "QRES", "INIC")) {
            ObjectNode data = set(remove(valid(), "payment.details.proxy"), "payment.details.localInstrument",
                    quoted(instrument));
            set(data, "payment.details.qrCode", quoted("000201"));
            refusedOnce(data, PARAMETRO_NAO_INFORMADO, "data.payment.details.proxy");
        }
    }

    @Test
    void qrInstrumentsNeedAQrCodeOfAtMost512BytesAndOthersMayCarryOne() {
        for (String instrument : List.of("QRDN", "QRES")) {
            refusedOnce(set(valid(), "payment.details.localInstrument", quoted(instrument)), PARAMETRO_NAO_INFORMADO,
                    "data.payment.details.qrCode");
        }
        ObjectNode qr = set(valid(), "payment.details.localInstrument", quoted("QRES"));
        assertEquals(512, accept(set(qr, "payment.details.qrCode", quoted(repeat('q', 512))))
                .payment().details().qrCode().length());
        // 256 two-byte characters are 512 bytes; one more is over the spec's byte limit though under 512 chars.
        accept(set(qr, "payment.details.qrCode", quoted(repeat('\u00e9', 256))));
        refusedOnce(set(qr, "payment.details.qrCode", quoted(repeat('\u00e9', 257))), PARAMETRO_INVALIDO,
                "data.payment.details.qrCode");
        assertEquals("000201", accept(set(valid(), "payment.details.qrCode", quoted("000201")))
                .payment().details().qrCode());
    }

    @Test
    void depositAccountsNeedABranchAndPaymentAccountsDoNot() {
        for (String type : List.of("CACC", "SVGS")) {
            ObjectNode data = set(remove(valid(), "payment.details.creditorAccount.issuer"),
                    "payment.details.creditorAccount.accountType", quoted(type));
            refusedOnce(data, PARAMETRO_NAO_INFORMADO, "data.payment.details.creditorAccount.issuer");
            ObjectNode debtor = set(valid(), "debtorAccount",
                    "{\"ispb\":\"12345678\",\"number\":\"1\",\"accountType\":\"" + type + "\"}");
            refusedOnce(debtor, PARAMETRO_NAO_INFORMADO, "data.debtorAccount.issuer");
        }
        ObjectNode tran = set(remove(valid(), "payment.details.creditorAccount.issuer"),
                "payment.details.creditorAccount.accountType", quoted("TRAN"));
        assertNull(accept(tran).payment().details().creditorAccount().issuer());
        ObjectNode tranWithBranch = set(valid(), "payment.details.creditorAccount.accountType", quoted("TRAN"));
        assertEquals("1774", accept(tranWithBranch).payment().details().creditorAccount().issuer());
    }

    @Test
    void onlyRealsAreAccepted() {
        refusedOnce(set(valid(), "payment.currency", quoted("USD")), DETALHE_PAGAMENTO_INVALIDO,
                "data.payment.currency");
    }

    @Test
    void aZeroAmountIsRefusedAndOneCentIsNot() {
        refusedOnce(set(valid(), "payment.amount", quoted("0.00")), DETALHE_PAGAMENTO_INVALIDO, "data.payment.amount");
        refusedOnce(set(valid(), "payment.amount", quoted("0000.00")), DETALHE_PAGAMENTO_INVALIDO,
                "data.payment.amount");
        assertEquals(new BigDecimal("0.01"), accept(set(valid(), "payment.amount", quoted("0.01")))
                .payment().amount().value());
    }

    @Test
    void anImmediatePaymentIsForTodayOnly() {
        for (String day : List.of("2026-02-28", "2026-03-02", "2027-03-01")) {
            refusedOnce(set(valid(), "payment.date", quoted(day)), DATA_PAGAMENTO_INVALIDA, "data.payment.date");
        }
        assertEquals(TODAY, accept(set(valid(), "payment.date", quoted("2026-3-1"))).payment().date());
    }

    @Test
    void aPaymentHasADateOrAScheduleNeverBothAndNeverNeither() {
        ObjectNode both = set(valid(), "payment.schedule", "{\"single\":{\"date\":\"2026-03-02\"}}");
        refusedOnce(both, PARAMETRO_INVALIDO, "data.payment.schedule");
        refusedOnce(remove(valid(), "payment.date"), PARAMETRO_NAO_INFORMADO, "data.payment.date");
    }

    @Test
    void aRefusalReportsAtMostThreeErrorsFormatErrorsFirst() {
        ObjectNode data = set(valid(), "payment.currency", quoted("USD"));
        set(data, "payment.amount", quoted("0.00"));
        set(data, "payment.ibgeTownCode", quoted("1"));
        remove(data, "creditor.name");
        set(data, "payment.details.creditorAccount.ispb", quoted("x"));
        List<PaymentConsentError> errors = refuse(data);
        assertEquals(List.of("PARAMETRO_NAO_INFORMADO data.creditor.name", "PARAMETRO_INVALIDO data.payment.ibgeTownCode",
                        "PARAMETRO_INVALIDO data.payment.details.creditorAccount.ispb"),
                errors.stream().map(e -> e.code() + " " + e.field()).toList());

        ObjectNode twoRules = set(set(valid(), "payment.currency", quoted("USD")), "payment.amount", quoted("0.00"));
        set(twoRules, "creditor.cpfCnpj", quoted("1"));
        assertEquals(List.of("PARAMETRO_INVALIDO data.creditor.cpfCnpj", "DETALHE_PAGAMENTO_INVALIDO data.payment.currency",
                        "DETALHE_PAGAMENTO_INVALIDO data.payment.amount"),
                refuse(twoRules).stream().map(e -> e.code() + " " + e.field()).toList());
    }

    @Test
    void aMalformedFieldGetsNoBusinessRuleErrorOnTop() {
        ObjectNode longProxyOnManu = set(set(valid(), "payment.details.localInstrument", quoted("MANU")),
                "payment.details.proxy", quoted(repeat('k', 78)));
        refusedOnce(longProxyOnManu, PARAMETRO_INVALIDO, "data.payment.details.proxy");
        ObjectNode badQrOnQres = set(set(valid(), "payment.details.localInstrument", quoted("QRES")),
                "payment.details.qrCode", "42");
        refusedOnce(badQrOnQres, PARAMETRO_INVALIDO, "data.payment.details.qrCode");
        ObjectNode badIssuer = set(valid(), "payment.details.creditorAccount.issuer", "1774");
        refusedOnce(badIssuer, PARAMETRO_INVALIDO, "data.payment.details.creditorAccount.issuer");
        refusedOnce(set(valid(), "payment.date", quoted("2026-13-01")), PARAMETRO_INVALIDO, "data.payment.date");
    }

    @Test
    void errorsNameTheFieldButNeverEchoItsValue() {
        ObjectNode data = set(valid(), "loggedUser.document.identification", quoted("52998224726"));
        set(data, "creditor.cpfCnpj", quoted("58764789000138"));
        set(data, "payment.details.proxy", quoted("segredo@example.com" + repeat('x', 70)));
        PaymentConsentRefusal refusal = assertThrows(PaymentConsentRefusal.class, () -> accept(data));
        assertEquals(3, refusal.errors().size());
        for (PaymentConsentError error : refusal.errors()) {
            assertTrue(error.detail().contains(error.field()), error.detail());
            assertFalse(error.detail().contains("5299822472") || error.detail().contains("587647890001")
                    || error.detail().contains("segredo"), error.detail());
        }
        assertFalse(refusal.getMessage().contains("5299822472"), refusal.getMessage());
    }

    @Test
    void anErrorBecomesAn422EntryOfTheApiErrorFormat() {
        PaymentConsentError error = refusedOnce(set(valid(), "payment.type", quoted("TED")),
                FORMA_PAGAMENTO_INVALIDA, "data.payment.type");
        ApiError api = error.toApiError();
        assertEquals(422, api.status());
        assertEquals("FORMA_PAGAMENTO_INVALIDA", api.code());
        assertEquals(error.title(), api.title());
        assertEquals(error.detail(), api.detail());
        assertTrue(api.title().length() <= 255 && api.detail().length() <= 2048);
    }

    @Test
    void aMissingDataClaimIsParametroNaoInformado() {
        PaymentConsentRefusal refusal = assertThrows(PaymentConsentRefusal.class,
                () -> PaymentConsentRequest.validate(null, PaymentRequests.CREATED_AT));
        assertEquals("data", refusal.errors().get(0).field());
        assertEquals(PARAMETRO_NAO_INFORMADO, refusal.errors().get(0).code());
    }

    @Test
    void theBrasiliaDateOfAnInstantIgnoresTheUtcDay() {
        assertEquals(LocalDate.of(2026, 12, 31), PaymentDates.brasiliaDate(Instant.parse("2027-01-01T02:59:59Z")));
        assertEquals(LocalDate.of(2027, 1, 1), PaymentDates.brasiliaDate(Instant.parse("2027-01-01T03:00:00Z")));
    }
}
