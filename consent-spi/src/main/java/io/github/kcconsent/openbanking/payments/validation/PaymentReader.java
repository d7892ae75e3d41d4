package io.github.kcconsent.openbanking.payments.validation;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * {@code payment}: type, currency, amount, town, {@code date} or {@code schedule}, details.
 * Pix moves reais only: the schema accepts any three capital letters, but the spec describes the field as the
 * national currency, so a well-formed code other than BRL is a business refusal.
 */
final class PaymentReader {

    static final String NATIONAL_CURRENCY = "BRL";
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern AMOUNT = Pattern.compile("^\\d{1,16}\\.\\d{2}$");
    private static final int AMOUNT_MAX_LENGTH = 19;
    private static final Pattern IBGE_TOWN_CODE = Pattern.compile("^\\d{7}$");

    private PaymentReader() {
    }

    static Payment read(FieldReader reader, JsonObjectAt data, LocalDate today) {
        JsonObjectAt payment = reader.object(data, "payment", true);
        PaymentType type = PaymentForms.accepted(reader, payment, "type", PaymentType.class);
        String currency = currency(reader, payment);
        Amount amount = amount(reader, payment);
        String town = reader.text(payment, "ibgeTownCode", false, IBGE_TOWN_CODE, 7);
        When when = when(reader, payment, today);
        PaymentDetails details = DetailsReader.read(reader, payment, when.variant());
        boolean townFine = payment != null && !reader.errors().flagged(payment.child("ibgeTownCode"));
        boolean complete = type != null && currency != null && amount != null && townFine && when.complete()
                && details != null;
        return complete ? new Payment(type, currency, amount, town, when.date(), when.schedule(), details) : null;
    }

    private static String currency(FieldReader reader, JsonObjectAt payment) {
        String currency = reader.text(payment, "currency", true, CURRENCY, 3);
        if (currency != null && !NATIONAL_CURRENCY.equals(currency)) {
            reader.errors().rule(PaymentErrorCode.DETALHE_PAGAMENTO_INVALIDO, payment.child("currency"),
                    "pagamentos Pix são somente em reais (BRL)");
            return null;
        }
        return currency;
    }

    private static Amount amount(FieldReader reader, JsonObjectAt payment) {
        String text = reader.text(payment, "amount", true, AMOUNT, AMOUNT_MAX_LENGTH);
        Amount amount = text == null ? null : Amount.of(text);
        if (amount != null && amount.value().signum() == 0) {
            reader.errors().rule(PaymentErrorCode.DETALHE_PAGAMENTO_INVALIDO, payment.child("amount"),
                    "deve ser maior que zero");
            return null;
        }
        return amount;
    }

    /**
     * {@code date} or {@code schedule}, exactly one. Both is malformed (the spec makes them mutually
     * exclusive), neither is a missing field. An immediate payment is for the consent's own day in Brasília;
     * a payment on a later day is a {@code schedule.single}.
     */
    private static When when(FieldReader reader, JsonObjectAt payment, LocalDate today) {
        boolean hasDate = reader.present(payment, "date");
        boolean hasSchedule = reader.present(payment, "schedule");
        if (hasDate && hasSchedule) {
            reader.errors().invalid(payment.child("schedule"), "não pode ser informado junto com data.payment.date");
            return When.BROKEN;
        }
        if (payment != null && !hasDate && !hasSchedule) {
            reader.errors().format(PaymentErrorCode.PARAMETRO_NAO_INFORMADO, payment.child("date"),
                    "Informe data.payment.date, para um pagamento imediato, ou data.payment.schedule, para um "
                            + "agendamento.");
            return When.BROKEN;
        }
        if (hasDate) {
            LocalDate date = reader.date(payment, "date", true);
            if (date != null && !date.equals(today)) {
                reader.errors().rule(PaymentErrorCode.DATA_PAGAMENTO_INVALIDA, payment.child("date"),
                        "um pagamento imediato é para o dia da criação do consentimento (horário de Brasília); "
                                + "outro dia exige schedule.single");
                return When.BROKEN;
            }
            return date == null ? When.BROKEN : new When(date, null, null, true);
        }
        JsonObjectAt schedule = reader.object(payment, "schedule", true);
        String variant = ScheduleReader.variant(reader, schedule);
        PaymentSchedule read = variant == null ? null : ScheduleReader.read(reader, schedule, variant, today);
        return new When(null, read, variant, read != null);
    }

    /** The outcome of reading the timing, with the schedule's variant even when its fields are wrong. */
    private record When(LocalDate date, PaymentSchedule schedule, String variant, boolean complete) {
        static final When BROKEN = new When(null, null, null, false);
    }
}
