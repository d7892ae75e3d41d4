package io.github.kcconsent.openbanking.payments.validation;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static io.github.kcconsent.openbanking.payments.validation.PaymentErrorCode.DATA_PAGAMENTO_INVALIDA;
import static io.github.kcconsent.openbanking.payments.validation.PaymentErrorCode.PARAMETRO_INVALIDO;
import static io.github.kcconsent.openbanking.payments.validation.PaymentErrorCode.PARAMETRO_NAO_INFORMADO;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.TODAY;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.accept;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.refusedOnce;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.scheduled;
import static io.github.kcconsent.openbanking.payments.validation.PaymentRequests.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schedules in requests; "today" is 2026-03-01 in Brasília, so D+1 is 2026-03-02 and two years 2028-03-01. */
class ScheduleRulesTest {

    private static PaymentSchedule schedule(String json) {
        return accept(scheduled(valid(), json)).payment().schedule();
    }

    private static void refused(String json, PaymentErrorCode code, String field) {
        refusedOnce(scheduled(valid(), json), code, field);
    }

    private static String daily(String start, int quantity) {
        return "{\"daily\":{\"startDate\":\"" + start + "\",\"quantity\":" + quantity + "}}";
    }

    private static String weekly(String start, int quantity) {
        return "{\"weekly\":{\"dayOfWeek\":\"QUARTA_FEIRA\",\"startDate\":\"" + start + "\",\"quantity\":"
                + quantity + "}}";
    }

    private static String monthly(int day, String start, int quantity) {
        return "{\"monthly\":{\"dayOfMonth\":" + day + ",\"startDate\":\"" + start + "\",\"quantity\":"
                + quantity + "}}";
    }

    private static String custom(List<String> dates) {
        return "{\"custom\":{\"dates\":[\"" + String.join("\",\"", dates)
                + "\"],\"additionalInformation\":\"Toda quinta e domingo\"}}";
    }

    @Test
    void everyScheduleVariantIsReadIntoItsRecord() {
        assertEquals(new PaymentSchedule.Single(TODAY.plusDays(1)),
                schedule("{\"single\":{\"date\":\"2026-03-02\"}}"));
        assertEquals(new PaymentSchedule.Daily(TODAY.plusDays(1), 5), schedule(daily("2026-03-02", 5)));
        assertEquals(new PaymentSchedule.Weekly(Weekday.QUARTA_FEIRA, TODAY.plusDays(1), 4),
                schedule(weekly("2026-03-02", 4)));
        assertEquals(new PaymentSchedule.Monthly(31, TODAY.plusDays(1), 12), schedule(monthly(31, "2026-03-02", 12)));
        assertEquals(new PaymentSchedule.Custom(List.of(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 8)),
                "Toda quinta e domingo"), schedule(custom(List.of("2026-03-05", "2026-03-08"))));
    }

    @Test
    void aScheduledPaymentListsItsExpandedDates() {
        Payment payment = accept(scheduled(valid(), weekly("2026-03-02", 3))).payment();
        assertTrue(payment.isScheduled());
        assertEquals(List.of(LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 11), LocalDate.of(2026, 3, 18)),
                payment.paymentDates());
    }

    @Test
    void aSingleDateRunsFromTheNextDayTo730DaysAhead() {
        assertEquals(TODAY.plusDays(730), schedule("{\"single\":{\"date\":\"2028-02-29\"}}").paymentDates().get(0));
        for (String date : List.of("2026-03-01", "2026-02-01", "2028-03-01")) {
            refused("{\"single\":{\"date\":\"" + date + "\"}}", DATA_PAGAMENTO_INVALIDA,
                    "data.payment.schedule.single.date");
        }
    }

    @Test
    void recurrencesStartOnALaterDay() {
        refused(daily("2026-03-01", 2), DATA_PAGAMENTO_INVALIDA, "data.payment.schedule.daily.startDate");
        refused(weekly("2026-02-20", 2), DATA_PAGAMENTO_INVALIDA, "data.payment.schedule.weekly.startDate");
        refused(monthly(5, "2026-03-01", 2), DATA_PAGAMENTO_INVALIDA, "data.payment.schedule.monthly.startDate");
        refused(custom(List.of("2026-03-05", "2026-03-01")), DATA_PAGAMENTO_INVALIDA,
                "data.payment.schedule.custom.dates[1]");
    }

    @Test
    void quantitiesRunFromTwoToSixtyAndMonthlyToTwentyFour() {
        assertEquals(2, schedule(daily("2026-03-02", 2)).paymentDates().size());
        assertEquals(60, schedule(daily("2026-03-02", 60)).paymentDates().size());
        assertEquals(60, schedule(weekly("2026-03-02", 60)).paymentDates().size());
        assertEquals(24, schedule(monthly(1, "2026-03-02", 24)).paymentDates().size());
        for (int quantity : new int[] {0, 1, 61}) {
            refused(daily("2026-03-02", quantity), PARAMETRO_INVALIDO, "data.payment.schedule.daily.quantity");
            refused(weekly("2026-03-02", quantity), PARAMETRO_INVALIDO, "data.payment.schedule.weekly.quantity");
        }
        refused(monthly(1, "2026-03-02", 25), PARAMETRO_INVALIDO, "data.payment.schedule.monthly.quantity");
        refused(monthly(1, "2026-03-02", 1), PARAMETRO_INVALIDO, "data.payment.schedule.monthly.quantity");
    }

    @Test
    void theWholeScheduleEndsWithinTwoYearsOfCreation() {
        // Day 1 from 2 March: April 2026 to 1 March 2028, exactly two years after 1 March 2026.
        List<LocalDate> atLimit = schedule(monthly(1, "2026-03-02", 24)).paymentDates();
        assertEquals(LocalDate.of(2028, 3, 1), atLimit.get(23));
        // Day 2 from 3 March: the 24th payment is 2 March 2028, one day too late.
        refused(monthly(2, "2026-03-03", 24), DATA_PAGAMENTO_INVALIDA, "data.payment.schedule.monthly");
        refused(daily("2028-02-01", 60), DATA_PAGAMENTO_INVALIDA, "data.payment.schedule.daily");
        refused(weekly("2027-06-01", 60), DATA_PAGAMENTO_INVALIDA, "data.payment.schedule.weekly");
        assertEquals(LocalDate.of(2028, 3, 1),
                schedule(custom(List.of("2026-03-02", "2028-03-01"))).paymentDates().get(1));
        refused(custom(List.of("2026-03-02", "2028-03-02")), DATA_PAGAMENTO_INVALIDA,
                "data.payment.schedule.custom.dates[1]");
    }

    @Test
    void customDatesAreTwoToSixtyDistinctDaysWithAnExplanation() {
        List<String> sixty = LocalDate.of(2026, 3, 2).datesUntil(LocalDate.of(2026, 5, 1))
                .map(LocalDate::toString).toList();
        assertEquals(60, schedule(custom(sixty)).paymentDates().size());
        List<String> sixtyOne = LocalDate.of(2026, 3, 2).datesUntil(LocalDate.of(2026, 5, 2))
                .map(LocalDate::toString).toList();
        refused(custom(sixtyOne), PARAMETRO_INVALIDO, "data.payment.schedule.custom.dates");
        refused(custom(List.of("2026-03-05")), PARAMETRO_INVALIDO, "data.payment.schedule.custom.dates");
        refused(custom(List.of("2026-03-05", "2026-03-06", "2026-3-5")), PARAMETRO_INVALIDO,
                "data.payment.schedule.custom.dates[2]");
        refused(custom(List.of("2026-03-05", "05/03/2026")), PARAMETRO_INVALIDO,
                "data.payment.schedule.custom.dates[1]");
        refused("{\"custom\":{\"dates\":[\"2026-03-05\",\"2026-03-06\"]}}", PARAMETRO_NAO_INFORMADO,
                "data.payment.schedule.custom.additionalInformation");
        refused("{\"custom\":{\"dates\":[\"2026-03-05\",\"2026-03-06\"],\"additionalInformation\":\""
                + "i".repeat(256) + "\"}}", PARAMETRO_INVALIDO, "data.payment.schedule.custom.additionalInformation");
    }

    @Test
    void aScheduleHoldsExactlyOneVariantOfTheRightShape() {
        refused("{}", PARAMETRO_INVALIDO, "data.payment.schedule");
        refused("{\"single\":{\"date\":\"2026-03-02\"},\"daily\":{\"startDate\":\"2026-03-02\",\"quantity\":2}}",
                PARAMETRO_INVALIDO, "data.payment.schedule");
        refused("\"single\"", PARAMETRO_INVALIDO, "data.payment.schedule");
        refused("{\"single\":\"2026-03-02\"}", PARAMETRO_INVALIDO, "data.payment.schedule.single");
        refused("{\"single\":{}}", PARAMETRO_NAO_INFORMADO, "data.payment.schedule.single.date");
        refused("{\"daily\":{\"startDate\":\"2026-03-02\",\"quantity\":2.0}}", PARAMETRO_INVALIDO,
                "data.payment.schedule.daily.quantity");
        refused("{\"daily\":{\"startDate\":\"2026-03-02\",\"quantity\":\"2\"}}", PARAMETRO_INVALIDO,
                "data.payment.schedule.daily.quantity");
        refused("{\"daily\":{\"quantity\":2}}", PARAMETRO_NAO_INFORMADO, "data.payment.schedule.daily.startDate");
        refused("{\"weekly\":{\"dayOfWeek\":\"MONDAY\",\"startDate\":\"2026-03-02\",\"quantity\":2}}",
                PARAMETRO_INVALIDO, "data.payment.schedule.weekly.dayOfWeek");
        refused(monthly(0, "2026-03-02", 2), PARAMETRO_INVALIDO, "data.payment.schedule.monthly.dayOfMonth");
        refused(monthly(32, "2026-03-02", 2), PARAMETRO_INVALIDO, "data.payment.schedule.monthly.dayOfMonth");
        refused("{\"monthly\":{\"startDate\":\"2026-03-02\",\"quantity\":2}}", PARAMETRO_NAO_INFORMADO,
                "data.payment.schedule.monthly.dayOfMonth");
    }

    @Test
    void everyWeekdayNameIsKnown() {
        for (Weekday day : Weekday.values()) {
            ObjectNode data = scheduled(valid(), "{\"weekly\":{\"dayOfWeek\":\"" + day
                    + "\",\"startDate\":\"2026-03-02\",\"quantity\":2}}");
            assertEquals(day.day(), accept(data).payment().paymentDates().get(0).getDayOfWeek());
        }
    }
}
