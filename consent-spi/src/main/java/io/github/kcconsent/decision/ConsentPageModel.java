package io.github.kcconsent.decision;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import io.github.kcconsent.accounts.Account;
import io.github.kcconsent.permissions.ConsentPermissions;

/**
 * What the consent templates render (exposed to FreeMarker as {@code kcConsent}). Getters only: FreeMarker
 * escapes every value, so client names, labels and texts cannot inject markup.
 */
public class ConsentPageModel {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZoneId.of("America/Sao_Paulo"));

    /**
     * An account row: the masked label and whether it is ticked. A plain class with getters, not a record:
     * FreeMarker would see a record's accessor methods as methods, not as printable properties.
     */
    public static final class AccountView {
        private final String id;
        private final String type;
        private final String label;
        private final boolean selected;

        AccountView(String id, String type, String label, boolean selected) {
            this.id = id;
            this.type = type;
            this.label = label == null || label.isBlank() ? id : label;
            this.selected = selected;
        }

        public String getId() {
            return id;
        }

        public String getType() {
            return type;
        }

        public String getLabel() {
            return label;
        }

        public boolean isSelected() {
            return selected;
        }
    }

    private final String clientName;
    private final String clientLogoUri;
    private final List<ConsentPermissions.Permission> permissions;
    private final List<AccountView> accounts;
    private final boolean accountsRequired;
    private final String consentId;
    private final String expiration;

    public ConsentPageModel(String clientName, String clientLogoUri, List<ConsentPermissions.Permission> permissions,
                            List<Account> accounts, boolean accountsRequired, Set<String> selected, String consentId,
                            String expiration) {
        this.accountsRequired = accountsRequired;
        this.expiration = expiration;
        this.clientName = clientName;
        this.clientLogoUri = clientLogoUri;
        this.permissions = List.copyOf(permissions);
        this.accounts = accounts.stream()
                .map(a -> new AccountView(a.id(), a.type(), a.label(), selected.contains(a.id())))
                .toList();
        this.consentId = consentId;
    }

    /** The client's name as the screen shows it: its display name, or its client id when it has none. */
    static String displayName(String name, String clientId) {
        return name == null || name.isBlank() ? clientId : name;
    }

    /** The client's logo only from an http(s) URL: never javascript:, data: or relative URLs from client settings. */
    static String safeLogoUri(String logoUri) {
        return logoUri != null && !logoUri.startsWith("https://") && !logoUri.startsWith("http://") ? null : logoUri;
    }

    /** Until when a consent is valid, as the screen prints it (dd/MM/yyyy, Brasília time); null: no end date. */
    static String expirationText(Instant expiresAt) {
        return expiresAt == null ? null : DATE.format(expiresAt);
    }

    public String getClientName() {
        return clientName;
    }

    public String getClientLogoUri() {
        return clientLogoUri;
    }

    public List<ConsentPermissions.Permission> getPermissions() {
        return permissions;
    }

    public List<AccountView> getAccounts() {
        return accounts;
    }

    /** Whether the request covers accounts or cards, so the customer must choose at least one. */
    public boolean isAccountsRequired() {
        return accountsRequired;
    }

    public String getConsentId() {
        return consentId;
    }

    /** Until when the consent would be valid, formatted for the user; null means no end date. */
    public String getExpiration() {
        return expiration;
    }
}
