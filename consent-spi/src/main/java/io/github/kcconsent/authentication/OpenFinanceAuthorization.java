package io.github.kcconsent.authentication;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.kcconsent.accounts.Account;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.ConcurrentConsentUpdateException;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentedResource;
import io.github.kcconsent.consent.IllegalConsentTransitionException;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.store.ConsentStore;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The Open Finance side of the consent screen: the partner created the consent through the Consents API and
 * now authorizes with the scope {@code consent:<consentId>} (FAPI: PAR, signed request object, PKCE,
 * private_key_jwt, all enforced by the realm's client policies). Before the screen: the consent must exist,
 * belong to the requesting client, be awaiting authorisation and not expired, and the logged-in user's CPF
 * must be the consent's. Otherwise, and when the user clicks Ignorar, the partner gets
 * {@code error=access_denied} with a description; Permitir authorises it with the chosen accounts and the
 * authorization continues to the code.
 */
final class OpenFinanceAuthorization {

    static final String CONSENT_NOTE = "kcconsent.ofb.consentId";
    /** Set once the user authorised: Keycloak re-evaluates triggers after the action, and must not ask again. */
    static final String AUTHORISED_NOTE = "kcconsent.ofb.authorised";
    static final String SCOPE_PREFIX = "consent:";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZoneId.of("America/Sao_Paulo"));

    private final ConsentDecisionRequiredAction screen;

    OpenFinanceAuthorization(ConsentDecisionRequiredAction screen) {
        this.screen = screen;
    }

    /** The consent id in the requested scopes ({@code consent:<id>}), or null. */
    static String requestedConsentId(AuthenticationSessionModel authSession) {
        String scope = authSession.getClientNote(OIDCLoginProtocol.SCOPE_PARAM);
        if (scope == null) {
            return null;
        }
        for (String part : scope.trim().split("\\s+")) {
            if (part.startsWith(SCOPE_PREFIX) && part.length() > SCOPE_PREFIX.length()) {
                return part.substring(SCOPE_PREFIX.length());
            }
        }
        return null;
    }

    static boolean alreadyAuthorised(AuthenticationSessionModel authSession) {
        return authSession.getClientNote(CONSENT_NOTE) != null
                && authSession.getClientNote(CONSENT_NOTE).equals(authSession.getAuthNote(AUTHORISED_NOTE));
    }

    void challenge(RequiredActionContext context) {
        if (alreadyAuthorised(context.getAuthenticationSession())) {
            context.success();
            return;
        }
        Optional<Consent> consent = checked(context);
        if (consent.isEmpty()) {
            return;
        }
        screen.showConsentPage(context, OpenFinancePermissionTexts.lines(consent.get().permissions()), Set.of(), null,
                expiration(consent.get()));
    }

    void process(RequiredActionContext context) {
        if (alreadyAuthorised(context.getAuthenticationSession())) {
            context.success();
            return;
        }
        Optional<Consent> checked = checked(context);
        if (checked.isEmpty()) {
            return;
        }
        Consent consent = checked.get();
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String action = form.getFirst(ConsentDecisionRequiredAction.DECISION);
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        ConsentStore store = context.getSession().getProvider(ConsentStore.class);
        Actor actor = Actor.user(user.getId());
        if (ConsentDecisionRequiredAction.IGNORE.equals(action)) {
            if (!screen.claimDecision(context)) {
                return;
            }
            store.reject(realm, consent.id(), new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REJECTED),
                    actor, Channel.AUTHORIZATION_FLOW);
            deny(context, "consent_rejected_by_user", "the user did not authorise the consent");
            return;
        }
        if (!ConsentDecisionRequiredAction.APPROVE.equals(action)) {
            challenge(context);
            return;
        }
        List<Account> accounts = screen.accounts(context, context.getAuthenticationSession().getClient());
        if (accounts == null) {
            return;
        }
        Map<String, Account> byId = accounts.stream().collect(Collectors.toMap(Account::id, Function.identity(), (a, b) -> a));
        List<String> requested = form.get(ConsentDecisionRequiredAction.ACCOUNT);
        Set<String> selected = new LinkedHashSet<>(requested == null ? List.of() : requested);
        if (selected.isEmpty() || !byId.keySet().containsAll(selected)) {
            selected.retainAll(byId.keySet());
            screen.showConsentPage(context, OpenFinancePermissionTexts.lines(consent.permissions()), selected,
                    "kcConsentSelectAccount", expiration(consent));
            return;
        }
        if (!screen.claimDecision(context)) {
            return;
        }
        List<ConsentedResource> resources = new ArrayList<>();
        for (String id : selected) {
            Account a = byId.get(id);
            resources.add(new ConsentedResource(a.id(), a.type(), a.label()));
        }
        try {
            store.authorise(realm, consent.id(), user.getId(), resources, actor, Channel.AUTHORIZATION_FLOW);
        } catch (IllegalConsentTransitionException | ConcurrentConsentUpdateException e) {
            deny(context, "consent_not_awaiting", "the consent can no longer be authorised");
            return;
        }
        context.getAuthenticationSession().setAuthNote(AUTHORISED_NOTE, consent.id());
        context.getEvent().detail("consent_id", consent.id());
        context.success();
    }

    /** The consent when it may be decided by this user for this client; otherwise the partner gets an error. */
    private Optional<Consent> checked(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String consentId = authSession.getClientNote(CONSENT_NOTE);
        ClientModel client = authSession.getClient();
        Optional<Consent> found = context.getSession().getProvider(ConsentStore.class).find(context.getRealm(), consentId)
                .filter(c -> c.clientId().equals(client.getId()) && c.origin() == ConsentOrigin.OPEN_FINANCE_API);
        if (found.isEmpty()) {
            deny(context, "consent_not_found", "consent not found for this client");
            return Optional.empty();
        }
        Consent consent = found.get();
        if (consent.effectiveStatus(now()) != ConsentStatus.AWAITING_AUTHORISATION) {
            deny(context, "consent_not_awaiting", "the consent is not awaiting authorisation (expired, rejected or already authorised)");
            return Optional.empty();
        }
        String cpf = context.getUser().getFirstAttribute(cpfAttribute(context.getRealm()));
        if (consent.loggedUserDocument() == null || !consent.loggedUserDocument().equals(cpf)) {
            deny(context, "consent_user_mismatch", "the logged-in user is not the consent's loggedUser");
            return Optional.empty();
        }
        return found;
    }

    private static String cpfAttribute(RealmModel realm) {
        String configured = realm.getAttribute(ConsentDecisionRequiredAction.CPF_ATTRIBUTE_SETTING);
        return configured == null || configured.isBlank() ? "cpf" : configured;
    }

    /** Ends the authorization with {@code error=access_denied} and a description, through the OIDC protocol. */
    private static void deny(RequiredActionContext context, String eventError, String description) {
        context.getEvent().error(eventError);
        LoginProtocol oidc = context.getSession().getProvider(LoginProtocol.class, OIDCLoginProtocol.LOGIN_PROTOCOL)
                .setRealm(context.getRealm())
                .setHttpHeaders(context.getHttpRequest().getHttpHeaders())
                .setUriInfo(context.getUriInfo())
                .setEventBuilder(context.getEvent());
        Response response = oidc.sendError(context.getAuthenticationSession(), LoginProtocol.Error.CONSENT_DENIED, description);
        context.challenge(response);
    }

    private static String expiration(Consent consent) {
        return consent.expiresAt() == null ? null : DATE.format(consent.expiresAt());
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
