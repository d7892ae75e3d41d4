package io.github.kcconsent.openbanking.payments.validation;

/** Whether the creditor is a person (identified by CPF) or a company (by CNPJ). */
public enum PersonType {
    PESSOA_NATURAL(11),
    PESSOA_JURIDICA(14);

    private final int documentLength;

    PersonType(int documentLength) {
        this.documentLength = documentLength;
    }

    /** 11 digits for a CPF, 14 for a CNPJ. */
    public int documentLength() {
        return documentLength;
    }
}
