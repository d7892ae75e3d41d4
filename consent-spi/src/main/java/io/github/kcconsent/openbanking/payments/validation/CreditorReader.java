package io.github.kcconsent.openbanking.payments.validation;

import java.util.regex.Pattern;

import io.github.kcconsent.openbanking.validation.BrazilianDocuments;

/**
 * {@code creditor}. The document must be the kind its {@code personType} names (a CPF for a person, a CNPJ
 * for a company) with valid check digits: a document that cannot exist cannot receive a Pix, and checking the
 * digits looks up nothing about anyone.
 */
final class CreditorReader {

    private static final Pattern CPF_OR_CNPJ = Pattern.compile("^\\d{11}$|^\\d{14}$");
    /** The spec's pattern: Latin letters with accents, digits, spaces and some punctuation. */
    private static final Pattern NAME =
            Pattern.compile("^[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF,.@:&*+_<>()!?/\\\\$%\\d' -]+$");

    private CreditorReader() {
    }

    static Creditor read(FieldReader reader, JsonObjectAt data) {
        JsonObjectAt creditor = reader.object(data, "creditor", true);
        PersonType personType = reader.constant(creditor, "personType", PersonType.class);
        String document = reader.text(creditor, "cpfCnpj", true, CPF_OR_CNPJ, 14);
        String name = reader.text(creditor, "name", true, NAME, 120);
        if (document != null && !fits(document, personType)) {
            reader.errors().invalid(creditor.child("cpfCnpj"), personType == null
                    ? "não é um CPF ou CNPJ válido"
                    : "deve ser um " + (personType == PersonType.PESSOA_NATURAL ? "CPF" : "CNPJ") + " válido");
            return null;
        }
        return personType == null || document == null || name == null ? null
                : new Creditor(personType, document, name);
    }

    /** Valid check digits, and the right kind when the person type is known. */
    private static boolean fits(String document, PersonType personType) {
        if (personType != null && document.length() != personType.documentLength()) {
            return false;
        }
        return document.length() == 11 ? BrazilianDocuments.isValidCpf(document)
                : BrazilianDocuments.isValidCnpj(document);
    }
}
