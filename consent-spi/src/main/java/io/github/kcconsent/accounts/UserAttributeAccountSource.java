package io.github.kcconsent.accounts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * Reads the user's accounts from a user attribute holding a JSON array of
 * {@code {"id": "...", "type": "...", "label": "...", "cnpj": "...", "payment": {...}}} objects ({@code cnpj}
 * only for accounts of a company, {@code payment} only for accounts that can pay: see {@link PixAccount}). A missing attribute means the user has no
 * accounts; malformed JSON is an error, not an empty list.
 */
public class UserAttributeAccountSource implements AccountSource {

    private final String attribute;

    public UserAttributeAccountSource(String attribute) {
        this.attribute = attribute;
    }

    @Override
    public List<Account> accounts(RealmModel realm, ClientModel client, UserModel user) {
        String json = user.getFirstAttribute(attribute);
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<Account> accounts = new ArrayList<>();
            for (Map<?, ?> entry : JsonSerialization.readValue(json, Map[].class)) {
                Object id = entry.get("id");
                if (!(id instanceof String s)) {
                    throw new AccountSourceException("an account in attribute " + attribute + " has no string id");
                }
                accounts.add(new Account(s, asString(entry.get("type")), asString(entry.get("label")), asString(entry.get("cnpj")),
                        PixAccount.fromJson(entry.get("payment"))));
            }
            return List.copyOf(accounts);
        } catch (IOException | IllegalArgumentException e) {
            throw new AccountSourceException("attribute " + attribute + " is not a JSON array of accounts", e);
        }
    }

    private static String asString(Object value) {
        return value == null ? null : value.toString();
    }

    @Override
    public void close() {
    }
}
