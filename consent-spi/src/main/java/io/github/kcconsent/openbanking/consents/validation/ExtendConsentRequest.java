package io.github.kcconsent.openbanking.consents.validation;

import java.time.Instant;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcconsent.openbanking.validation.Documents;
import io.github.kcconsent.openbanking.validation.JsonFields;

/**
 * A well-formed {@code POST /consents/{consentId}/extends} body ({@code CreateConsentExtensions}). Only the
 * shape is checked here (400); whether this consent may be renewed to this date needs the consent and is
 * decided by the renewal itself.
 *
 * @param expiresAt null to renew for an indeterminate period (the field is omitted)
 */
public record ExtendConsentRequest(String cpf, String cnpj, Instant expiresAt) {

    public static ExtendConsentRequest parse(String body) {
        ObjectNode data = JsonFields.data(body);
        String cpf = Documents.loggedUser(data);
        String cnpj = Documents.businessEntity(data);
        Instant expiresAt = CreateConsentRequest.expiration(data, "data.expirationDateTime");
        return new ExtendConsentRequest(cpf, cnpj, expiresAt);
    }
}
