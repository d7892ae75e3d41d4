package io.github.kcconsent.openbanking.validation;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcconsent.openbanking.api.ApiError;

/**
 * {@code loggedUser} and {@code businessEntity} as both create and renewal requests carry them:
 * {@code {"document": {"identification": …, "rel": …}}}. Shape errors and wrong check digits are 400s.
 */
public final class Documents {

    private static final Pattern CPF_REL = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern CNPJ_REL = Pattern.compile("^[A-Z]{4}$");

    private Documents() {
    }

    /** @return the logged user's CPF (required) */
    public static String loggedUser(ObjectNode data) {
        ObjectNode user = JsonFields.object(data, "loggedUser", "data.loggedUser", true);
        ObjectNode document = JsonFields.object(user, "document", "data.loggedUser.document", true);
        String cpf = JsonFields.text(document, "identification", "data.loggedUser.document.identification", true,
                BrazilianDocuments.CPF_PATTERN, 11);
        JsonFields.text(document, "rel", "data.loggedUser.document.rel", true, CPF_REL, 3);
        if (!BrazilianDocuments.isValidCpf(cpf)) {
            throw ApiError.invalid("data.loggedUser.document.identification", "não é um CPF válido");
        }
        return cpf;
    }

    /** @return the business entity's CNPJ, or null when the request has none */
    public static String businessEntity(ObjectNode data) {
        ObjectNode entity = JsonFields.object(data, "businessEntity", "data.businessEntity", false);
        if (entity == null) {
            return null;
        }
        ObjectNode document = JsonFields.object(entity, "document", "data.businessEntity.document", true);
        String cnpj = JsonFields.text(document, "identification", "data.businessEntity.document.identification",
                true, BrazilianDocuments.CNPJ_PATTERN, 14);
        JsonFields.text(document, "rel", "data.businessEntity.document.rel", true, CNPJ_REL, 4);
        if (!BrazilianDocuments.isValidCnpj(cnpj)) {
            throw ApiError.invalid("data.businessEntity.document.identification", "não é um CNPJ válido");
        }
        return cnpj;
    }
}
