package io.github.kcconsent.openbanking.payments.validation;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * {@code payment.details}: which of the Pix key ({@code proxy}) and the QR code the local instrument needs,
 * and whether it may serve a recurring schedule. Nothing here is looked up in the Pix directory: the spec
 * forbids it at consent creation.
 */
final class DetailsReader {

    /** The spec lets these be any text; an empty key or code carries nothing, so it must have a character. */
    private static final Pattern NOT_EMPTY = Pattern.compile(".+", Pattern.DOTALL);
    private static final int PROXY_MAX = 77;
    /** The spec caps the code at 512 characters and at 512 bytes of UTF-8; the bytes bound is the tighter. */
    private static final int QR_CODE_MAX_BYTES = 512;

    private DetailsReader() {
    }

    /** @param scheduleVariant the schedule's key ({@code single}, {@code daily}, …), null for none */
    static PaymentDetails read(FieldReader reader, JsonObjectAt payment, String scheduleVariant) {
        JsonObjectAt details = reader.object(payment, "details", true);
        LocalInstrument instrument = PaymentForms.accepted(reader, details, "localInstrument", LocalInstrument.class);
        String qrCode = qrCode(reader, details);
        String proxy = reader.text(details, "proxy", false, NOT_EMPTY, PROXY_MAX);
        PaymentAccount account = AccountReader.read(reader, details, "creditorAccount", true);
        if (instrument == null) {
            return null;
        }
        ErrorCollector errors = reader.errors();
        if (scheduleVariant != null && !"single".equals(scheduleVariant) && !instrument.allowsRecurrence()) {
            errors.rule(PaymentErrorCode.FORMA_PAGAMENTO_INVALIDA, details.child("localInstrument"),
                    "agendamentos recorrentes aceitam somente MANU, DICT ou QRES");
        }
        boolean hasProxy = reader.present(details, "proxy");
        if (instrument.requiresProxy() && !hasProxy) {
            errors.rule(PaymentErrorCode.PARAMETRO_NAO_INFORMADO, details.child("proxy"),
                    "a chave Pix é exigida para a forma de pagamento informada");
        } else if (!instrument.requiresProxy() && hasProxy) {
            errors.rule(PaymentErrorCode.DETALHE_PAGAMENTO_INVALIDO, details.child("proxy"),
                    "não deve ser informado quando localInstrument é MANU");
        }
        if (instrument.requiresQrCode() && !reader.present(details, "qrCode")) {
            errors.rule(PaymentErrorCode.PARAMETRO_NAO_INFORMADO, details.child("qrCode"),
                    "o QR code é exigido para pagamentos por QR code");
        }
        boolean clean = account != null && !errors.flagged(details.child("localInstrument"))
                && !errors.flagged(details.child("proxy")) && !errors.flagged(details.child("qrCode"));
        return clean ? new PaymentDetails(instrument, qrCode, proxy, account) : null;
    }

    private static String qrCode(FieldReader reader, JsonObjectAt details) {
        String qrCode = reader.text(details, "qrCode", false, NOT_EMPTY, QR_CODE_MAX_BYTES);
        if (qrCode != null && qrCode.getBytes(StandardCharsets.UTF_8).length > QR_CODE_MAX_BYTES) {
            reader.errors().invalid(details.child("qrCode"), "não pode passar de 512 bytes em UTF-8");
            return null;
        }
        return qrCode;
    }
}
