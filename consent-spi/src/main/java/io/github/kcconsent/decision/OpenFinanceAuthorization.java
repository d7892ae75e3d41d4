package io.github.kcconsent.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.github.kcconsent.accounts.Account;
import io.github.kcconsent.authsession.ConsentSessionNotes;
import io.github.kcconsent.authsession.OpenFinanceRequest;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.ConcurrentConsentUpdateException;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.ConsentedResource;
import io.github.kcconsent.consent.IllegalConsentTransitionException;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.metrics.ConsentMetricsProvider;
import io.github.kcconsent.permissions.OpenFinancePermissionTexts;
import io.github.kcconsent.store.ConsentStore;
import io.github.kcconsent.token.ConsentScopeEnforcer;
import io.github.kcconsent.token.ConsentScopes;
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
 * private_key_jwt, all enforced by the realm's client policies, which also refuse a request for an unknown,
 * foreign or ended consent before any login). After login: the request names exactly one consent, the consent
 * exists, belongs to the requesting client, is awaiting authorisation and not expired; the logged-in user's
 * CPF is the consent's {@code loggedUser}; a business consent is authorised only by a credential acting for its
 * {@code businessEntity} (the user attribute named by the realm attribute {@code kcconsent.cnpjAttribute},
 * default {@code cnpj}) and only with accounts of that company, a personal consent only by a personal
 * credential with personal accounts (Open Finance security profile, consent and token life cycle). Otherwise,
 * and when the user clicks Ignorar, the partner gets {@code error=access_denied} with a description; Permitir
 * authorises it with the chosen accounts (none when no requested group covers accounts or cards), records the
 * consent in the client session for {@link io.github.kcconsent.token.ConsentTokenGate}, and the authorization
 * continues to the code. A consent of type PAYMENT passes the same checks and then gets the payment screen
 * ({@link PaymentAuthorization}) instead of the data-sharing one.
 */
final class OpenFinanceAuthorization {

    /** Marks a request naming more than one consent; such a request is refused. */
    static final String SEVERAL_CONSENTS = "several";
    static final String CNPJ_ATTRIBUTE_SETTING = "kcconsent.cnpjAttribute";

    private final ConsentDecisionRequiredAction screen;

    OpenFinanceAuthorization(ConsentDecisionRequiredAction screen) {
        this.screen = screen;
    }

    /**
     * The consent the requested scopes name ({@code consent:<id>}), {@link #SEVERAL_CONSENTS} when they name more
     * than one, or null when they name none.
     */
    static String requestedConsentId(AuthenticationSessionModel authSession) {
        List<String> ids = ConsentScopes.consentIds(authSession.getClientNote(OIDCLoginProtocol.SCOPE_PARAM));
        if (ids.isEmpty()) {
            return null;
        }
        return ids.size() == 1 ? ids.get(0) : SEVERAL_CONSENTS;
    }

    static boolean alreadyAuthorised(AuthenticationSessionModel authSession) {
        return OpenFinanceRequest.isAuthorised(authSession, OpenFinanceRequest.consentId(authSession));
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
        if (consent.get().type() == ConsentType.PAYMENT) {
            new PaymentAuthorization(screen, this).challenge(context, consent.get());
            return;
        }
        List<Account> offered = offeredAccounts(context, consent.get());
        if (offered == null) {
            return;
        }
        show(context, consent.get(), offered, Set.of(), null);
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
        DecisionForm form = DecisionForm.read(context.getHttpRequest().getDecodedFormParameters());
        if (consent.type() == ConsentType.PAYMENT) {
            new PaymentAuthorization(screen, this).process(context, consent, form);
            return;
        }
        if (form.action() == DecisionForm.Action.IGNORE) {
            reject(context, consent);
            return;
        }
        if (form.action() != DecisionForm.Action.APPROVE) {
            challenge(context);
            return;
        }
        List<Account> all = screen.accounts(context, context.getAuthenticationSession().getClient());
        if (all == null) {
            return;
        }
        List<ConsentedResource> resources = new ArrayList<>();
        if (OpenFinanceResources.needsAccounts(consent.permissions())) {
            AccountChoice choice = AccountChoice.of(all, form.accounts());
            if (!choice.valid()) {
                show(context, consent, OpenFinanceResources.offered(all, consent.businessEntityDocument()), choice.ticked(),
                        AccountChoice.ERROR);
                return;
            }
            for (Account a : choice.chosen()) {
                if (!OpenFinanceResources.belongsTo(a, consent.businessEntityDocument())) {
                    deny(context, OpenFinanceParties.accountMismatch(consent.businessEntityDocument()));
                    return;
                }
                resources.add(new ConsentedResource(a.id(), a.type(), a.label()));
            }
        }
        authorise(context, consent, resources, null);
    }

    /**
     * Authorises the consent for the logged-in user (one decision per authentication session), records it for
     * {@link io.github.kcconsent.token.ConsentTokenGate} and lets the authorization continue to the code.
     *
     * @param paymentDetails a payment consent's details with the chosen debtor account; null for data sharing
     */
    void authorise(RequiredActionContext context, Consent consent, List<ConsentedResource> resources, String paymentDetails) {
        if (!screen.claimDecision(context)) {
            return;
        }
        UserModel user = context.getUser();
        try {
            context.getSession().getProvider(ConsentStore.class).authorise(context.getRealm(), consent.id(), user.getId(),
                    resources, paymentDetails, Actor.user(user.getId()), Channel.AUTHORIZATION_FLOW);
        } catch (IllegalConsentTransitionException | ConcurrentConsentUpdateException e) {
            deny(context, "consent_not_awaiting", ConsentScopeEnforcer.NOT_AWAITING);
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        OpenFinanceRequest.markAuthorised(authSession, consent.id());
        ConsentSessionNotes.authorisedIn(authSession, consent.id());
        context.getEvent().detail("consent_id", consent.id());
        context.success();
    }

    /**
     * The customer said no (Ignorar, Cancelar): the consent is rejected by the user with the reason of its type
     * ({@code CUSTOMER_MANUALLY_REJECTED}, or {@code REJEITADO_USUARIO} for a payment) and the partner gets
     * {@code access_denied}.
     */
    void reject(RequiredActionContext context, Consent consent) {
        Rejection rejection = new Rejection(RejectedBy.USER,
                RejectionReason.customerDecline(consent.type(), ConsentStatus.AWAITING_AUTHORISATION));
        // The customer's decision in Keycloak's own event (LOGIN_ERROR), with the consent it was about.
        end(context, consent, rejection, Actor.user(context.getUser().getId()), "consent_rejected_by_user",
                "the user did not authorise the consent");
    }

    /**
     * A payment consent this authorization can never complete (no account of this customer can pay it, or its
     * immediate payment's day has ended): rejected by the bank with {@code reason} and, when not null, the
     * {@code additionalInformation} the initiator reads in {@code rejectionReason.detail} (recorded as this
     * authorization's doing, not the customer's), and the partner gets {@code access_denied}.
     */
    void rejectByBank(RequiredActionContext context, Consent consent, RejectionReason reason,
                      String additionalInformation, String eventError, String description) {
        end(context, consent, new Rejection(RejectedBy.ASPSP, reason, additionalInformation),
                Actor.system("payment-authorization"), eventError, description);
    }

    /**
     * Rejects the awaiting consent once per decision and answers the partner {@code access_denied}, with the
     * consent id in Keycloak's event; a consent that is no longer awaiting is refused as such, unchanged.
     */
    private void end(RequiredActionContext context, Consent consent, Rejection rejection, Actor actor,
                     String eventError, String description) {
        if (!screen.claimDecision(context)) {
            return;
        }
        try {
            context.getSession().getProvider(ConsentStore.class).reject(context.getRealm(), consent.id(), rejection,
                    actor, Channel.AUTHORIZATION_FLOW);
        } catch (IllegalConsentTransitionException | ConcurrentConsentUpdateException e) {
            deny(context, "consent_not_awaiting", ConsentScopeEnforcer.NOT_AWAITING);
            return;
        }
        context.getEvent().detail("consent_id", consent.id());
        deny(context, eventError, description);
    }

    /** The accounts this consent may cover, or null after the error page when they cannot be listed. */
    private List<Account> offeredAccounts(RequiredActionContext context, Consent consent) {
        if (!OpenFinanceResources.needsAccounts(consent.permissions())) {
            return List.of();
        }
        List<Account> all = screen.accounts(context, context.getAuthenticationSession().getClient());
        return all == null ? null : OpenFinanceResources.offered(all, consent.businessEntityDocument());
    }

    private void show(RequiredActionContext context, Consent consent, List<Account> offered, Set<String> selected, String error) {
        screen.showConsentPage(context, OpenFinancePermissionTexts.lines(consent.permissions()), offered,
                OpenFinanceResources.needsAccounts(consent.permissions()), selected, error, expiration(consent));
    }

    /** The consent when it may be decided by this user for this client; otherwise the partner gets an error. */
    private Optional<Consent> checked(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String consentId = OpenFinanceRequest.consentId(authSession);
        if (SEVERAL_CONSENTS.equals(consentId)) {
            deny(context, "consent_scope_invalid", "an authorization names exactly one consent");
            return Optional.empty();
        }
        ClientModel client = authSession.getClient();
        Optional<Consent> found = ConsentScopes.isWellFormed(consentId)
                ? context.getSession().getProvider(ConsentStore.class).find(context.getRealm(), consentId)
                        .filter(c -> c.clientId().equals(client.getId()) && c.origin() == ConsentOrigin.OPEN_FINANCE_API)
                : Optional.empty();
        if (found.isEmpty()) {
            deny(context, "consent_not_found", ConsentScopeEnforcer.NOT_FOUND);
            return Optional.empty();
        }
        Consent consent = found.get();
        if (consent.effectiveStatus(now()) != ConsentStatus.AWAITING_AUTHORISATION) {
            deny(context, "consent_not_awaiting", ConsentScopeEnforcer.NOT_AWAITING);
            return Optional.empty();
        }
        UserModel user = context.getUser();
        String cpf = user.getFirstAttribute(attribute(context.getRealm(), ConsentDecisionRequiredAction.CPF_ATTRIBUTE_SETTING, "cpf"));
        List<String> companies = user.getAttributeStream(attribute(context.getRealm(), CNPJ_ATTRIBUTE_SETTING, "cnpj")).toList();
        Optional<OpenFinanceParties.Refusal> refusal = OpenFinanceParties.refusal(consent.loggedUserDocument(),
                consent.businessEntityDocument(), cpf, companies);
        if (refusal.isPresent()) {
            deny(context, refusal.get());
            return Optional.empty();
        }
        return found;
    }

    private static String attribute(RealmModel realm, String setting, String fallback) {
        String configured = realm.getAttribute(setting);
        return configured == null || configured.isBlank() ? fallback : configured;
    }

    static void deny(RequiredActionContext context, OpenFinanceParties.Refusal refusal) {
        deny(context, refusal.eventError(), refusal.description());
    }

    /** Ends the authorization with {@code error=access_denied} and a description, through the OIDC protocol. */
    static void deny(RequiredActionContext context, String eventError, String description) {
        context.getSession().getProvider(ConsentMetricsProvider.class).consents()
                .authorizationRefused(context.getRealm(), eventError);
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
        return ConsentPageModel.expirationText(consent.expiresAt());
    }

    static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
