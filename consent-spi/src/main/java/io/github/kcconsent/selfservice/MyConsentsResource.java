package io.github.kcconsent.selfservice;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.ConcurrentConsentUpdateException;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.IllegalConsentTransitionException;
import io.github.kcconsent.permissions.ConsentPermissions;
import io.github.kcconsent.permissions.OpenFinancePermissionTexts;
import io.github.kcconsent.receipt.ConsentReceipt;
import io.github.kcconsent.receipt.ConsentReceipts;
import io.github.kcconsent.store.ConsentStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * {@code /realms/{realm}/consent/my}: the signed-in customer's consents, and revoking one after a
 * confirmation. Identified by Keycloak's own SSO session cookie; every POST carries a token kept in the
 * user session ({@link SelfServiceCsrf}), and a customer can only ever touch their own consents (others are
 * "not found"). What may be revoked is {@link SelfServiceRules}'s call, what is shown {@link MyConsentView}'s;
 * this class signs in, looks up and renders.
 */
@Produces(MediaType.TEXT_HTML)
public class MyConsentsResource {

    static final String TEMPLATE_LIST = "kcconsent-my-consents.ftl";
    static final String TEMPLATE_CONFIRM = "kcconsent-revoke-confirm.ftl";
    static final String RECEIPT_MEDIA_TYPE = "application/jwt";

    private final KeycloakSession session;
    private final RealmModel realm;

    public MyConsentsResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @GET
    public Response list() {
        AuthenticationManager.AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (auth == null) {
            return login();
        }
        return listPage(auth, null, null);
    }

    /**
     * The newest signed receipt of one of the customer's own consents, as a file ({@code application/jwt}): the
     * same JWT the partner and the back office get, verifiable with the realm's JWKS. Another customer's consent,
     * or one without a receipt, shows the list with a message.
     */
    @GET
    @Path("receipt")
    @Produces({MediaType.TEXT_HTML, RECEIPT_MEDIA_TYPE})
    public Response receipt(@QueryParam("consent_id") String consentId) {
        AuthenticationManager.AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (auth == null) {
            return login();
        }
        Optional<ConsentReceipt> newest = own(auth.user(), consentId)
                .map(c -> session.getProvider(ConsentReceipts.class).of(realm, c.id()))
                .filter(receipts -> !receipts.isEmpty())
                .map(receipts -> receipts.get(receipts.size() - 1));
        if (newest.isEmpty()) {
            return listPage(auth, "kcConsentSelfServiceNoReceipt", null);
        }
        ConsentReceipt r = newest.get();
        return Response.ok(r.token(), RECEIPT_MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"consent-receipt-" + r.id() + ".jwt\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Step 1 of revoking: a confirmation page naming the partner and what it will lose. */
    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@FormParam("consent_id") String consentId, @FormParam("csrf") String csrf) {
        AuthenticationManager.AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (auth == null) {
            return login();
        }
        if (!SelfServiceCsrf.isValid(auth.session(), csrf)) {
            return listPage(auth, "kcConsentSelfServiceExpiredForm", null);
        }
        Optional<Consent> consent = revocable(auth.user(), consentId);
        if (consent.isEmpty()) {
            return listPage(auth, "kcConsentSelfServiceNotFound", null);
        }
        return form(auth).setAttribute("kcConsentItem", view(consent.get(), now())).createForm(TEMPLATE_CONFIRM);
    }

    /** Step 2: the customer confirmed. */
    @POST
    @Path("revoke/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@FormParam("consent_id") String consentId, @FormParam("csrf") String csrf) {
        AuthenticationManager.AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (auth == null) {
            return login();
        }
        if (!SelfServiceCsrf.isValid(auth.session(), csrf)) {
            return listPage(auth, "kcConsentSelfServiceExpiredForm", null);
        }
        UserModel user = auth.user();
        Optional<Consent> consent = revocable(user, consentId);
        if (consent.isEmpty()) {
            return listPage(auth, "kcConsentSelfServiceNotFound", null);
        }
        Consent c = consent.get();
        try {
            store().reject(realm, c.id(), SelfServiceRules.customerRevocation(c, now()), Actor.user(user.getId()),
                    Channel.SELF_SERVICE);
        } catch (IllegalConsentTransitionException | ConcurrentConsentUpdateException e) {
            // Changed meanwhile (revoked in another tab, expired, revoked by the partner): nothing left to revoke.
            return listPage(auth, "kcConsentSelfServiceNotFound", null);
        }
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.REVOKE_GRANT).user(user).session(auth.session())
                .detail("consent_id", c.id()).success();
        return listPage(auth, null, "kcConsentSelfServiceRevoked");
    }

    // ---------------------------------------------------------------------------------------------------

    private ConsentStore store() {
        return session.getProvider(ConsentStore.class);
    }

    private URI self() {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("consent").path("my").build();
    }

    private Response login() {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection());
        return new SelfServiceLogin(session, event).start(self().toString());
    }

    private Response listPage(AuthenticationManager.AuthResult auth, String error, String success) {
        Instant now = now();
        List<MyConsentView> items = store().findByUser(realm, auth.user().getId()).stream()
                .map(c -> view(c, now))
                .toList();
        LoginFormsProvider form = form(auth).setAttribute("kcConsentItems", items);
        if (error != null) {
            form.setError(error);
        }
        if (success != null) {
            form.setSuccess(success);
        }
        return form.createForm(TEMPLATE_LIST);
    }

    private LoginFormsProvider form(AuthenticationManager.AuthResult auth) {
        URI base = self();
        return session.getProvider(LoginFormsProvider.class)
                .setUser(auth.user())
                .setAttribute("kcConsentCsrf", SelfServiceCsrf.tokenOf(auth.session()))
                .setAttribute("kcConsentRevokeUrl", base + "/revoke")
                .setAttribute("kcConsentConfirmUrl", base + "/revoke/confirm")
                .setAttribute("kcConsentReceiptUrl", base + "/receipt")
                .setAttribute("kcConsentListUrl", base.toString());
    }

    private MyConsentView view(Consent c, Instant now) {
        ClientModel client = realm.getClientById(c.clientId());
        String partner = client == null ? MyConsentView.partnerName(null, null, c.clientId())
                : MyConsentView.partnerName(client.getName(), client.getClientId(), c.clientId());
        return MyConsentView.of(c, partner, permissions(c), now);
    }

    /** What the consent shares, in the words its consent screen used (message keys or the scopes' own texts). */
    private List<ConsentPermissions.Permission> permissions(Consent c) {
        return c.origin() == ConsentOrigin.OPEN_FINANCE_API
                ? OpenFinancePermissionTexts.lines(c.permissions())
                : ConsentPermissions.forStored(realm, c.permissions());
    }

    /** The customer's own consent with this id if it can still be revoked; empty for anything else. */
    private Optional<Consent> revocable(UserModel user, String consentId) {
        Instant now = now();
        return own(user, consentId).filter(c -> SelfServiceRules.isRevocable(c, now));
    }

    /** The customer's own consent of that id; anyone else's does not exist for them. */
    private Optional<Consent> own(UserModel user, String consentId) {
        if (consentId == null || consentId.isBlank()) {
            return Optional.empty();
        }
        return store().find(realm, consentId).filter(c -> SelfServiceRules.belongsTo(c, user.getId()));
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
