package io.github.kcconsent.selfservice;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentedResource;
import io.github.kcconsent.permissions.ConsentPermissions;

/**
 * One consent as the customer's page shows it ({@code kcConsentItems} and {@code kcConsentItem} in the
 * templates). A public JavaBean, not a record: the login theme's FreeMarker (2.3.32) reads properties only
 * through the getters of a public class.
 * Everything the customer reads is already in their words: the partner's display name, the permissions as the
 * consent screen worded them, account labels, local dates.
 */
public final class MyConsentView {

    /** The bank's customers are in Brazil; the page shows their wall-clock time, not UTC. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(ZoneId.of("America/Sao_Paulo"));

    private final String id;
    private final String partner;
    private final List<ConsentPermissions.Permission> permissions;
    private final List<String> accounts;
    private final String created;
    private final String expires;
    private final String status;
    private final boolean revocable;
    private final MyPaymentView payment;

    private MyConsentView(String id, String partner, List<ConsentPermissions.Permission> permissions,
                          List<String> accounts, String created, String expires, String status, boolean revocable,
                          MyPaymentView payment) {
        this.id = id;
        this.partner = partner;
        this.permissions = permissions;
        this.accounts = accounts;
        this.created = created;
        this.expires = expires;
        this.status = status;
        this.revocable = revocable;
        this.payment = payment;
    }

    /**
     * @param partner     the partner's name as {@link #partnerName} chose it
     * @param permissions what the consent shares, in the words its consent screen used
     * @param now         the instant status and revocability are taken at
     */
    static MyConsentView of(Consent consent, String partner, List<ConsentPermissions.Permission> permissions,
                            Instant now) {
        return new MyConsentView(
                consent.id(),
                partner,
                List.copyOf(permissions),
                consent.resources().stream().map(MyConsentView::account).toList(),
                DATE.format(consent.createdAt()),
                consent.expiresAt() == null ? "" : DATE.format(consent.expiresAt()),
                consent.effectiveStatus(now).name(),
                SelfServiceRules.isRevocable(consent, now),
                MyPaymentView.of(consent).orElse(null));
    }

    /**
     * The name a customer knows the partner by: the client's display name, else its {@code clientId}; if the
     * client cannot be found, the id the consent stores, so the row still names something rather than nothing.
     *
     * @param name             the client's name, null if it has none or was not found
     * @param clientId         the client's {@code clientId}, null if the client was not found
     * @param clientInternalId the id the consent stores
     */
    static String partnerName(String name, String clientId, String clientInternalId) {
        if (clientId == null) {
            return clientInternalId;
        }
        return name == null || name.isBlank() ? clientId : name;
    }

    /** The masked label the customer saw when choosing, else the bare id. */
    private static String account(ConsentedResource resource) {
        return resource.label() == null ? resource.resourceId() : resource.label();
    }

    public String getId() {
        return id;
    }

    public String getPartner() {
        return partner;
    }

    public List<ConsentPermissions.Permission> getPermissions() {
        return permissions;
    }

    public List<String> getAccounts() {
        return accounts;
    }

    public String getCreated() {
        return created;
    }

    /** Empty for a consent without an end date; the page then shows no expiry at all. */
    public String getExpires() {
        return expires;
    }

    /** The effective status's name; the page turns it into a message key. */
    public String getStatus() {
        return status;
    }

    public boolean isRevocable() {
        return revocable;
    }

    /** A payment consent's payment; null for other consents (the template tests it with {@code ??}). */
    public MyPaymentView getPayment() {
        return payment;
    }
}
