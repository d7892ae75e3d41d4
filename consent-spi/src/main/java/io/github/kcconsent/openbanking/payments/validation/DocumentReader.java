package io.github.kcconsent.openbanking.payments.validation;

import java.util.regex.Pattern;

import io.github.kcconsent.openbanking.validation.BrazilianDocuments;

/**
 * {@code loggedUser} and {@code businessEntity}. The shared {@code Documents} of the consents API stops at the
 * first error and accepts the alphanumeric CNPJ of Consents 3.3.x; payments v4 still has a numeric CNPJ and
 * reports several errors, so this reads the same shape its own way. Wrong check digits are format errors.
 */
final class DocumentReader {

    static final Pattern NUMERIC_CNPJ = Pattern.compile("^\\d{14}$");
    private static final Pattern CPF_REL = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern CNPJ_REL = Pattern.compile("^[A-Z]{4}$");

    private DocumentReader() {
    }

    /** @return the logged user's CPF (required), or null after recording why not */
    static String loggedUser(FieldReader reader, JsonObjectAt data) {
        JsonObjectAt document = reader.object(reader.object(data, "loggedUser", true), "document", true);
        String cpf = reader.text(document, "identification", true, BrazilianDocuments.CPF_PATTERN, 11);
        reader.text(document, "rel", true, CPF_REL, 3);
        if (cpf != null && !BrazilianDocuments.isValidCpf(cpf)) {
            reader.errors().invalid(document.child("identification"), "não é um CPF válido");
            return null;
        }
        return cpf;
    }

    /** @return the business entity's CNPJ, or null when absent or wrong (the collector knows which) */
    static String businessEntity(FieldReader reader, JsonObjectAt data) {
        JsonObjectAt document = reader.object(reader.object(data, "businessEntity", false), "document", true);
        String cnpj = reader.text(document, "identification", true, NUMERIC_CNPJ, 14);
        reader.text(document, "rel", true, CNPJ_REL, 4);
        if (cnpj != null && !BrazilianDocuments.isValidCnpj(cnpj)) {
            reader.errors().invalid(document.child("identification"), "não é um CNPJ válido");
            return null;
        }
        return cnpj;
    }
}
