package io.github.kcconsent.openbanking.consents.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcconsent.openbanking.api.ApiDates;
import io.github.kcconsent.openbanking.api.ApiError;
import io.github.kcconsent.openbanking.validation.Documents;
import io.github.kcconsent.openbanking.validation.JsonFields;

/**
 * A validated {@code POST /consents} body ({@code CreateConsent}). Everything the schema says is checked
 * first (400), then the business rules (422), so a 422 always concerns a well-formed request.
 *
 * @param expiresAt null for an indeterminate consent (the field is omitted)
 */
public record CreateConsentRequest(String cpf, String cnpj, List<String> permissions, Instant expiresAt) {

    public static CreateConsentRequest parse(String body, Instant now) {
        ObjectNode data = JsonFields.data(body);
        String cpf = Documents.loggedUser(data);
        String cnpj = Documents.businessEntity(data);
        List<Permission> permissions = permissions(data);
        Instant expiresAt = expiration(data, "data.expirationDateTime");
        // isLinked (Jornada Otimizada) must be a boolean when sent; we have no optimised journey to link to.
        JsonFields.bool(data, "isLinked", "data.isLinked");

        PermissionRules.check(EnumSet.copyOf(permissions), cnpj != null);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiError.unprocessable("DATA_EXPIRACAO_INVALIDA", "Data de expiração inválida",
                    "A data de expiração do consentimento deve estar no futuro.");
        }
        return new CreateConsentRequest(cpf, cnpj, permissions.stream().map(Enum::name).toList(), expiresAt);
    }

    /** The optional {@code expirationDateTime}: null when absent, 400 when not a date in the spec's format. */
    static Instant expiration(ObjectNode data, String path) {
        JsonNode value = data.get("expirationDateTime");
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.invalid(path, "deve ser um texto");
        }
        Instant parsed = ApiDates.parse(value.textValue());
        if (parsed == null) {
            throw ApiError.invalid(path, "deve ser uma data e hora UTC no formato AAAA-MM-DDThh:mm:ssZ");
        }
        return parsed;
    }

    /** The schema: a non-empty array of known permissions; the spec also forbids repeating one. */
    private static List<Permission> permissions(ObjectNode data) {
        JsonNode value = data.get("permissions");
        if (value == null) {
            throw ApiError.missing("data.permissions");
        }
        if (!value.isArray() || value.isEmpty()) {
            throw ApiError.invalid("data.permissions", "deve ser uma lista com ao menos uma permissão");
        }
        List<Permission> out = new ArrayList<>();
        Set<Permission> seen = EnumSet.noneOf(Permission.class);
        for (JsonNode item : value) {
            Permission permission = item.isTextual() ? lookup(item.textValue()) : null;
            if (permission == null) {
                throw ApiError.invalid("data.permissions", "contém um valor que não é uma permissão conhecida");
            }
            if (!seen.add(permission)) {
                throw ApiError.invalid("data.permissions", "não pode repetir permissões");
            }
            out.add(permission);
        }
        return out;
    }

    private static Permission lookup(String name) {
        try {
            return Permission.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
