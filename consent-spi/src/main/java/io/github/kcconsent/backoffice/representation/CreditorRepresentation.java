package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.openbanking.payments.validation.Creditor;

/** Who receives a payment, as the partner named them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditorRepresentation(
        @JsonProperty("personType") String personType,
        @JsonProperty("cpfCnpj") String cpfCnpj,
        @JsonProperty("name") String name) {

    public static CreditorRepresentation of(Creditor creditor) {
        return new CreditorRepresentation(creditor.personType().name(), creditor.cpfCnpj(), creditor.name());
    }
}
