package io.github.kcconsent.openbanking.payments.validation;

import java.time.LocalDate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads fields of exactly the schema's types into an {@link ErrorCollector} instead of stopping at the first
 * problem. Each method returns null when the field is absent or wrong (the collector then knows which), and
 * also when its parent object was itself absent or wrong, so callers can read a whole section without
 * checking every step. A JSON {@code null} is a wrong value, not an absent field, as in the consents API.
 */
final class FieldReader {

    private final ErrorCollector errors;

    FieldReader(ErrorCollector errors) {
        this.errors = errors;
    }

    ErrorCollector errors() {
        return errors;
    }

    /** Whether the field is in the request at all, whatever its value. */
    boolean present(JsonObjectAt parent, String name) {
        return parent != null && parent.node().has(name);
    }

    JsonObjectAt object(JsonObjectAt parent, String name, boolean required) {
        JsonNode value = value(parent, name, required);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            errors.invalid(parent.child(name), "deve ser um objeto");
            return null;
        }
        return new JsonObjectAt((ObjectNode) value, parent.child(name));
    }

    /** A string matching {@code pattern} of at most {@code maxLength} characters. */
    String text(JsonObjectAt parent, String name, boolean required, Pattern pattern, int maxLength) {
        String text = string(parent, name, required);
        if (text != null && (text.length() > maxLength || !pattern.matcher(text).matches())) {
            errors.invalid(parent.child(name), "não segue o formato exigido");
            return null;
        }
        return text;
    }

    /** Any string; the caller judges its content (payment type and local instrument are judged as rules). */
    String string(JsonObjectAt parent, String name, boolean required) {
        JsonNode value = value(parent, name, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            errors.invalid(parent.child(name), "deve ser um texto");
            return null;
        }
        return value.textValue();
    }

    /** A required integer (not 2.0, not "2") from {@code min} to {@code max}. */
    Integer integer(JsonObjectAt parent, String name, int min, int max) {
        JsonNode value = value(parent, name, true);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()
                || value.intValue() < min || value.intValue() > max) {
            errors.invalid(parent.child(name), "deve ser um número inteiro de " + min + " a " + max);
            return null;
        }
        return value.intValue();
    }

    LocalDate date(JsonObjectAt parent, String name, boolean required) {
        JsonNode value = value(parent, name, required);
        return value == null ? null : date(value, parent.child(name));
    }

    /** A date of the spec's pattern that is also a calendar date. */
    LocalDate date(JsonNode value, String path) {
        LocalDate date = value.isTextual() ? PaymentDates.parse(value.textValue()) : null;
        if (date == null) {
            errors.invalid(path, "deve ser uma data no formato AAAA-MM-DD");
        }
        return date;
    }

    /** A required string naming a constant of {@code type}. */
    <E extends Enum<E>> E constant(JsonObjectAt parent, String name, Class<E> type) {
        String text = string(parent, name, true);
        if (text == null) {
            return null;
        }
        E constant = lookup(type, text);
        if (constant == null) {
            errors.invalid(parent.child(name), "não é um dos valores permitidos");
        }
        return constant;
    }

    /** A required array of {@code min} to {@code max} items. */
    ArrayNode array(JsonObjectAt parent, String name, int min, int max) {
        JsonNode value = value(parent, name, true);
        if (value == null) {
            return null;
        }
        if (!value.isArray() || value.size() < min || value.size() > max) {
            errors.invalid(parent.child(name), "deve ser uma lista de " + min + " a " + max + " itens");
            return null;
        }
        return (ArrayNode) value;
    }

    static <E extends Enum<E>> E lookup(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private JsonNode value(JsonObjectAt parent, String name, boolean required) {
        if (parent == null) {
            return null;
        }
        JsonNode value = parent.node().get(name);
        if (value == null && required) {
            errors.missing(parent.child(name));
        }
        return value;
    }
}
