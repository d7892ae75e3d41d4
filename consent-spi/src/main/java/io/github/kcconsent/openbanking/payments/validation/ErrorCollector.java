package io.github.kcconsent.openbanking.payments.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers the refusals of one request so that a partner fixing it sees up to three problems at once.
 * Format errors (missing, malformed) are kept apart from business-rule errors and reported first: a request
 * is fixed syntax first, and a business rule judged next to a malformed field would judge the wrong thing.
 * Every path that got an error is remembered, and a later business rule about it is dropped.
 */
final class ErrorCollector {

    /** The spec's 422 body holds at most three errors. */
    static final int MAX_REPORTED = 3;

    private final List<PaymentConsentError> formatErrors = new ArrayList<>();
    private final List<PaymentConsentError> businessErrors = new ArrayList<>();
    private final Set<String> flagged = new HashSet<>();

    void missing(String path) {
        format(PaymentErrorCode.PARAMETRO_NAO_INFORMADO, path, "O campo obrigatório " + path + " não foi informado.");
    }

    void invalid(String path, String rule) {
        format(PaymentErrorCode.PARAMETRO_INVALIDO, path, "O campo " + path + " é inválido: " + rule + ".");
    }

    /** A format error whose detail is not one of the two templates above. */
    void format(PaymentErrorCode code, String path, String detail) {
        flagged.add(path);
        formatErrors.add(new PaymentConsentError(code, path, detail));
    }

    /** A business rule broken by a well-formed field; ignored when the field already has an error. */
    void rule(PaymentErrorCode code, String path, String rule) {
        if (flagged.add(path)) {
            businessErrors.add(new PaymentConsentError(code, path, detailOf(code, path, rule)));
        }
    }

    boolean flagged(String path) {
        return flagged.contains(path);
    }

    boolean isEmpty() {
        return formatErrors.isEmpty() && businessErrors.isEmpty();
    }

    /** @throws PaymentConsentRefusal with the first three errors, when there is any */
    void throwIfAny() {
        if (isEmpty()) {
            return;
        }
        List<PaymentConsentError> all = new ArrayList<>(formatErrors);
        all.addAll(businessErrors);
        throw new PaymentConsentRefusal(all.subList(0, Math.min(MAX_REPORTED, all.size())));
    }

    private static String detailOf(PaymentErrorCode code, String path, String rule) {
        return switch (code) {
            case FORMA_PAGAMENTO_INVALIDA -> "A forma de pagamento em " + path + " não é aceita: " + rule + ".";
            case DATA_PAGAMENTO_INVALIDA -> "A data em " + path + " não é aceita: " + rule + ".";
            case DETALHE_PAGAMENTO_INVALIDO -> "O campo " + path + " contraria as regras do pagamento: " + rule + ".";
            case PARAMETRO_INVALIDO -> "O campo " + path + " é inválido: " + rule + ".";
            case PARAMETRO_NAO_INFORMADO -> "O campo " + path + " é obrigatório neste caso: " + rule + ".";
        };
    }
}
