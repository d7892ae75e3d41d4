package io.github.kcconsent.permissions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.RealmModel;

/**
 * What a consent link asks for: the partner client's default client scopes marked with the client-scope
 * attribute {@code kcconsent.permission=true}, shown with each scope's "Consent screen text". A client with
 * no marked scope asks for the generic {@code account_access} permission.
 */
public final class ConsentPermissions {

    public static final String MARKER = "kcconsent.permission";
    public static final String DEFAULT_PERMISSION = "account_access";
    static final String DEFAULT_TEXT_KEY = "${kcConsentPermissionAccountAccess}";

    /** A permission as shown on the screen: its code and the message (or message key) describing it. */
    public static final class Permission {
        private final String name;
        private final String text;

        public Permission(String name, String text) {
            this.name = name;
            this.text = text;
        }

        public String getName() {
            return name;
        }

        public String getText() {
            return text;
        }
    }

    private ConsentPermissions() {
    }

    public static List<Permission> forLink(ClientModel client) {
        List<Permission> out = new ArrayList<>();
        for (Map.Entry<String, ClientScopeModel> e : client.getClientScopes(true).entrySet()) {
            ClientScopeModel scope = e.getValue();
            if (Boolean.parseBoolean(scope.getAttribute(MARKER))) {
                String text = scope.getConsentScreenText();
                out.add(new Permission(scope.getName(), text == null || text.isBlank() ? scope.getName() : text));
            }
        }
        out.sort((a, b) -> a.getName().compareTo(b.getName()));
        return out.isEmpty() ? List.of(new Permission(DEFAULT_PERMISSION, DEFAULT_TEXT_KEY)) : List.copyOf(out);
    }

    /**
     * The permissions of a stored link consent, worded as its consent screen worded them: for each name, the
     * "Consent screen text" of the realm's client scope of that name (the scope's name when it has none),
     * the generic text for {@value #DEFAULT_PERMISSION}, and the bare name for a scope deleted since. In the
     * stored order.
     */
    public static List<Permission> forStored(RealmModel realm, List<String> names) {
        Map<String, ClientScopeModel> scopes = new HashMap<>();
        realm.getClientScopesStream().filter(s -> names.contains(s.getName()))
                .forEach(s -> scopes.putIfAbsent(s.getName(), s));
        List<Permission> out = new ArrayList<>();
        for (String name : names) {
            ClientScopeModel scope = scopes.get(name);
            String text = scope == null ? null : scope.getConsentScreenText();
            if (text == null || text.isBlank()) {
                text = scope == null && DEFAULT_PERMISSION.equals(name) ? DEFAULT_TEXT_KEY : name;
            }
            out.add(new Permission(name, text));
        }
        return List.copyOf(out);
    }

    public static List<String> names(List<Permission> permissions) {
        return permissions.stream().map(Permission::getName).toList();
    }
}
