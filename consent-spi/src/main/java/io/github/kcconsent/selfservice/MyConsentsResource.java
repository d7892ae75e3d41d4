package io.github.kcconsent.selfservice;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.ConcurrentConsentUpdateException;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.IllegalConsentTransitionException;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.permissions.ConsentPermissions;
import io.github.kcconsent.permissions.OpenFinancePermissionTexts;
import io.github.kcconsent.store.ConsentStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * {@code /realms/{realm}/consent/my}: the signed-in customer's consents, and revoking one after a
 * confirmation. Identified by Keycloak's own SSO session cookie; every POST carries a token kept in the
 * user session (no CSRF), and a customer can only ever touch their own consents (others are "not found").
 */
@Produces(MediaType.TEXT_HTML)
public class MyConsentsResource {

    static final String CSRF_NOTE = "kcconsent.selfservice.csrf";
    static final String TEMPLATE_LIST = "kcconsent-my-consents.ftl";
    static final String TEMPLATE_CONFIRM = "kcconsent-revoke-confirm.ftl";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneId.of("America/Sao_Paulo"));

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

    /** Step 1 of revoking: a confirmation page naming the partner and what it will lose. */
    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@FormParam("consent_id") String consentId, @FormParam("csrf") String csrf) {
        AuthenticationManager.AuthResult auth = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (auth == null) {
            return login();
        }
        if (!csrfValid(auth.getSession(), csrf)) {
            return listPage(auth, "kcConsentSelfServiceExpiredForm", null);
        }
        Optional<Consent> consent = own(auth.getUser(), consentId);
        if (consent.isEmpty() || !revocable(consent.get())) {
            return listPage(auth, "kcConsentSelfServiceNotFound", null);
        }
        return form(auth).setAttribute("kcConsentItem", view(consent.get())).createForm(TEMPLATE_CONFIRM);
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
        if (!csrfValid(auth.getSession(), csrf)) {
            return listPage(auth, "kcConsentSelfServiceExpiredForm", null);
        }
        UserModel user = auth.getUser();
        Optional<Consent> consent = own(user, consentId);
        if (consent.isEmpty() || !revocable(consent.get())) {
            return listPage(auth, "kcConsentSelfServiceNotFound", null);
        }
        Consent c = consent.get();
        ConsentStatus current = c.effectiveStatus(now());
        Rejection rejection = new Rejection(RejectedBy.USER, RejectionReason.customerDecline(c.type(), current));
        try {
            session.getProvider(ConsentStore.class).reject(realm, c.id(), rejection, Actor.user(user.getId()), Channel.SELF_SERVICE);
        } catch (IllegalConsentTransitionException | ConcurrentConsentUpdateException e) {
            return listPage(auth, "kcConsentSelfServiceNotFound", null);
        }
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.REVOKE_GRANT).user(user).session(auth.getSession())
                .detail("consent_id", c.id()).success();
        return listPage(auth, null, "kcConsentSelfServiceRevoked");
    }

    // ---------------------------------------------------------------------------------------------------

    private Response login() {
        URI self = session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("consent").path("my").build();
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection());
        return new SelfServiceLogin(session, event).start(self.toString());
    }

    private Response listPage(AuthenticationManager.AuthResult auth, String error, String success) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Consent c : session.getProvider(ConsentStore.class).findByUser(realm, auth.getUser().getId())) {
            items.add(view(c));
        }
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
        URI base = session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("consent").path("my").build();
        return session.getProvider(LoginFormsProvider.class)
                .setUser(auth.getUser())
                .setAttribute("kcConsentCsrf", csrfToken(auth.getSession()))
                .setAttribute("kcConsentRevokeUrl", base + "/revoke")
                .setAttribute("kcConsentConfirmUrl", base + "/revoke/confirm")
                .setAttribute("kcConsentListUrl", base.toString());
    }

    private Map<String, Object> view(Consent c) {
        Instant now = now();
        ClientModel client = realm.getClientById(c.clientId());
        String partner = client == null ? c.clientId()
                : client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id());
        v.put("partner", partner);
        v.put("permissions", permissions(c));
        v.put("accounts", c.resources().stream().map(r -> r.label() == null ? r.resourceId() : r.label()).toList());
        v.put("created", DATE.format(c.createdAt()));
        v.put("expires", c.expiresAt() == null ? "" : DATE.format(c.expiresAt()));
        ConsentStatus status = c.effectiveStatus(now);
        v.put("status", status.name());
        v.put("revocable", revocable(c));
        return v;
    }

    /** What the consent shares, in the words its consent screen used (message keys or the scopes' own texts). */
    private List<ConsentPermissions.Permission> permissions(Consent c) {
        return c.origin() == ConsentOrigin.OPEN_FINANCE_API
                ? OpenFinancePermissionTexts.lines(c.permissions())
                : ConsentPermissions.forStored(realm, c.permissions());
    }

    private Optional<Consent> own(UserModel user, String consentId) {
        if (consentId == null || consentId.isBlank()) {
            return Optional.empty();
        }
        return session.getProvider(ConsentStore.class).find(realm, consentId)
                .filter(c -> user.getId().equals(c.userId()));
    }

    private boolean revocable(Consent c) {
        ConsentStatus status = c.effectiveStatus(now());
        return status == ConsentStatus.AUTHORISED || status == ConsentStatus.AWAITING_AUTHORISATION;
    }

    /** One random token per user session, kept in the (cluster-wide) user session notes. */
    private static String csrfToken(UserSessionModel userSession) {
        String token = userSession.getNote(CSRF_NOTE);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            userSession.setNote(CSRF_NOTE, token);
        }
        return token;
    }

    private static boolean csrfValid(UserSessionModel userSession, String presented) {
        String expected = userSession.getNote(CSRF_NOTE);
        return expected != null && presented != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
