package io.github.kcconsent.openbanking.payments.validation;

import java.util.Objects;

/** Who receives the payment. {@code cpfCnpj} has the length and check digits of its {@code personType}. */
public record Creditor(PersonType personType, String cpfCnpj, String name) {

    public Creditor {
        Objects.requireNonNull(personType, "personType");
        Objects.requireNonNull(cpfCnpj, "cpfCnpj");
        Objects.requireNonNull(name, "name");
    }
}
