package io.github.kcconsent.openbanking.payments.validation;

import java.time.LocalDate;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads every section of the request, whatever the others hold, so one answer reports up to three problems;
 * the records are built only when there are none.
 */
final class PaymentConsentValidator {

    private PaymentConsentValidator() {
    }

    /** @param today the consent's day in Brasília time */
    static PaymentConsentRequest validate(ObjectNode data, LocalDate today) {
        ErrorCollector errors = new ErrorCollector();
        if (data == null) {
            errors.missing("data");
            errors.throwIfAny();
        }
        FieldReader reader = new FieldReader(errors);
        JsonObjectAt root = new JsonObjectAt(data, "data");
        String cpf = DocumentReader.loggedUser(reader, root);
        String cnpj = DocumentReader.businessEntity(reader, root);
        Creditor creditor = CreditorReader.read(reader, root);
        Payment payment = PaymentReader.read(reader, root, today);
        PaymentAccount debtorAccount = AccountReader.read(reader, root, "debtorAccount", false);
        errors.throwIfAny();
        return new PaymentConsentRequest(cpf, cnpj, creditor, payment, debtorAccount);
    }
}
