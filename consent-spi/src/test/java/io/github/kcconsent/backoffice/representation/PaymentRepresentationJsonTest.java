package io.github.kcconsent.backoffice.representation;

import static io.github.kcconsent.fakes.PaymentConsents.CREATED;
import static io.github.kcconsent.fakes.PaymentConsents.DAILY;
import static io.github.kcconsent.fakes.PaymentConsents.IMMEDIATE;
import static io.github.kcconsent.fakes.PaymentConsents.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentData;
import org.junit.jupiter.api.Test;
import org.keycloak.services.util.ObjectMapperResolver;
import org.keycloak.util.JsonSerialization;

/** A payment consent in the back office's JSON: in a search, in its detail, and as a consumption's answer. */
class PaymentRepresentationJsonTest {

    private static final ObjectMapper KEYCLOAK = ObjectMapperResolver.createStreamSerializer();
    private static final Instant NOW = CREATED.plusSeconds(600);
    private static final Instant EXPIRES = CREATED.plusSeconds(3660);

    private static String json(Object representation) {
        try {
            return KEYCLOAK.writeValueAsString(representation);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Object representation) {
        try {
            return JsonSerialization.readValue(json(representation), Map.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPaymentConsentIsShownTypedWithEverythingThePaymentMustMatch() {
        assertEquals("{\"creditor\":{\"personType\":\"PESSOA_JURIDICA\",\"cpfCnpj\":\"58764789000137\","
                        + "\"name\":\"Padaria São João Ltda.\"},\"type\":\"PIX\",\"amount\":\"1234.56\",\"currency\":\"BRL\","
                        + "\"date\":\"2026-03-01\",\"ibgeTownCode\":\"5300108\",\"localInstrument\":\"DICT\","
                        + "\"proxy\":\"12345678901\",\"creditorAccount\":{\"ispb\":\"12345678\",\"issuer\":\"1774\","
                        + "\"number\":\"1234567890\",\"accountType\":\"CACC\"},\"debtorAccount\":{\"ispb\":\"87654321\","
                        + "\"issuer\":\"0001\",\"number\":\"9876543210\",\"accountType\":\"SVGS\"}}",
                json(PaymentRepresentation.of(PaymentConsentData.read(IMMEDIATE, CREATED))));
    }

    @Test
    void aScheduleIsShownWithEveryDayItsPaymentsSettle() {
        Map<String, Object> payment = read(PaymentRepresentation.of(PaymentConsentData.read(DAILY, CREATED)));

        assertEquals(Map.of("variant", "daily", "paymentDates", List.of("2026-03-02", "2026-03-03", "2026-03-04")),
                payment.get("schedule"));
        assertFalse(payment.containsKey("date"));
        assertFalse(payment.containsKey("proxy"), "MANU has no Pix key");
        assertFalse(payment.containsKey("debtorAccount"), "none chosen yet");
        assertEquals(Map.of("ispb", "12345678", "number", "55", "accountType", "TRAN"), payment.get("creditorAccount"));
    }

    @Test
    void aSearchShowsAPaymentsAmountCreditorNameAndDaysButNoDocumentKeyOrAccount() {
        Map<String, Object> summary = read(ConsentSummaryRepresentation.of(
                payment(ConsentStatus.AWAITING_AUTHORISATION, DAILY, null), "demo-partner", CREATED.plusSeconds(10)));

        assertEquals(Map.of("amount", "10.00", "currency", "BRL", "creditorName", "Maria <b>Souza</b>",
                "firstPaymentDate", "2026-03-02", "paymentCount", 3), summary.get("paymentSummary"));
    }

    @Test
    void aDetailShowsThePaymentTypedAndTheStoredTextOnlyWhenItDoesNotRead() {
        Map<String, Object> detail = read(ConsentDetailRepresentation.of(payment(ConsentStatus.AUTHORISED, IMMEDIATE,
                EXPIRES), "demo-partner", "maria", List.of(), List.of(), NOW));
        assertEquals("1234.56", ((Map<?, ?>) detail.get("payment")).get("amount"));
        assertEquals("1234.56", ((Map<?, ?>) detail.get("paymentSummary")).get("amount"));
        assertFalse(detail.containsKey("paymentDetails"), "the typed form replaces the stored text");

        Map<String, Object> legacy = read(ConsentDetailRepresentation.of(payment(ConsentStatus.AUTHORISED,
                "{\"amount\":\"10.00\"}", EXPIRES), "demo-partner", "maria", List.of(), List.of(), NOW));
        assertEquals(Map.of("amount", "10.00"), legacy.get("paymentDetails"));
        assertFalse(legacy.containsKey("payment"));
        assertFalse(legacy.containsKey("paymentSummary"));
    }

    @Test
    void aConsumptionAnswersTheConsumedConsentWithItsPayerAndPayment() {
        Map<String, Object> answer = read(PaymentConsumptionRepresentation.of(
                payment(ConsentStatus.CONSUMED, IMMEDIATE, EXPIRES), "demo-partner",
                PaymentConsentData.read(IMMEDIATE, CREATED)));

        assertEquals(List.of("consentId", "clientId", "status", "consumedAt", "loggedUserDocument", "payment"),
                List.copyOf(answer.keySet()));
        assertEquals("CONSUMED", answer.get("status"));
        assertEquals("2026-03-01T15:01:00Z", answer.get("consumedAt"));
        assertEquals("52998224725", answer.get("loggedUserDocument"));
        assertEquals(Map.of("ispb", "87654321", "issuer", "0001", "number", "9876543210", "accountType", "SVGS"),
                ((Map<?, ?>) answer.get("payment")).get("debtorAccount"));
        assertNull(answer.get("businessEntityDocument"));
    }
}
