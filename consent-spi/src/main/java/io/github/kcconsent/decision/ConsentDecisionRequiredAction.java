package io.github.kcconsent.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.github.kcconsent.accounts.Account;
import io.github.kcconsent.accounts.AccountSource;
import io.github.kcconsent.accounts.AccountSourceException;
import io.github.kcconsent.authsession.ConsentDecision;
import io.github.kcconsent.authsession.ConsentLinkRequest;
import io.github.kcconsent.authsession.ConsentSessionNotes;
import io.github.kcconsent.authsession.OpenFinanceRequest;
import io.github.kcconsent.consent.Actor;
import io.github.kcconsent.consent.Channel;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.ConsentedResource;
import io.github.kcconsent.consent.NewConsent;
import io.github.kcconsent.consent.RejectedBy;
import io.github.kcconsent.consent.Rejection;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.permissions.ConsentPermissions;
import io.github.kcconsent.store.ConsentStore;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The consent screen, run by Keycloak after the realm's browser flow has authenticated the user. Its form
 * posts go through Keycloak's login-actions endpoint, bound to the authentication session (tab id, session
 * code), so they cannot be forged cross-site or replayed into another session. One decision per
 * authentication session: a second click, a reload or the back button re-shows the recorded result.
 */
public class ConsentDecisionRequiredAction implements RequiredActionProvider {

    static final String CPF_ATTRIBUTE_SETTING = "kcconsent.cpfAttribute";

    static final String TEMPLATE_CONSENT = "kcconsent-consent.ftl";
    static final String TEMPLATE_SUCCESS = "kcconsent-success.ftl";
    static final String TEMPLATE_ALREADY_GRANTED = "kcconsent-already-granted.ftl";

    private static final Logger LOG = Logger.getLogger(ConsentDecisionRequiredAction.class);
    private static final long DECISION_GUARD_SECONDS = 3600;

    /**
     * Consent links add this action themselves. An Open Finance authorization (OIDC, scope
     * {@code consent:<consentId>}) gets it here: Keycloak asks every enabled required action on each login.
     */
    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!"openid-connect".equals(authSession.getProtocol())) {
            return;
        }
        String consentId = OpenFinanceAuthorization.requestedConsentId(authSession);
        if (consentId != null && !OpenFinanceRequest.isAuthorised(authSession, consentId)) {
            OpenFinanceRequest.ask(authSession, consentId);
            authSession.addRequiredAction(ConsentDecisionRequiredActionFactory.PROVIDER_ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!ConsentLinkRequest.isLink(authSession)) {
            if (OpenFinanceRequest.consentId(authSession) != null) {
                new OpenFinanceAuthorization(this).challenge(context);
            } else {
                context.success(); // neither a consent link nor an Open Finance authorization
            }
            return;
        }
        ConsentDecision decided = ConsentDecision.readFrom(authSession);
        if (decided != null) {
            context.challenge(resultPage(context, decided));
            return;
        }
        ClientModel client = authSession.getClient();
        List<ConsentPermissions.Permission> permissions = ConsentPermissions.forLink(client);
        Optional<Consent> granted = alreadyGranted(context, client, ConsentPermissions.names(permissions));
        if (granted.isPresent()) {
            ConsentDecision decision = new ConsentDecision(ConsentDecision.Result.ALREADY_GRANTED, granted.get().id(), List.of());
            decision.writeTo(authSession);
            context.challenge(resultPage(context, decision));
            return;
        }
        showConsentPage(context, permissions, Set.of(), null);
    }

    @Override
    public void processAction(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (!ConsentLinkRequest.isLink(authSession)) {
            if (OpenFinanceRequest.consentId(authSession) != null) {
                new OpenFinanceAuthorization(this).process(context);
            } else {
                context.success();
            }
            return;
        }
        DecisionForm form = DecisionForm.read(context.getHttpRequest().getDecodedFormParameters());
        ConsentDecision decided = ConsentDecision.readFrom(authSession);
        LinkPostStep step = LinkPostStep.after(decided, form.action());
        switch (step) {
            case CONTINUE_LOGIN -> context.success();
            case SHOW_RESULT_AGAIN -> context.challenge(resultPage(context, decided)); // second click or reload
            case SHOW_SCREEN -> requiredActionChallenge(context);
            case APPROVE, IGNORE -> {
                ClientModel client = authSession.getClient();
                List<ConsentPermissions.Permission> permissions = ConsentPermissions.forLink(client);
                // Decrypted only for a decision, the one place the partner's session metadata is stored.
                ConsentLinkRequest link = ConsentLinkRequest.readFrom(context.getSession(), authSession);
                if (step == LinkPostStep.APPROVE) {
                    approve(context, link, client, permissions, form.accounts());
                } else {
                    ignore(context, link, client, permissions);
                }
            }
        }
    }

    private void approve(RequiredActionContext context, ConsentLinkRequest link, ClientModel client,
                         List<ConsentPermissions.Permission> permissions, Set<String> ticked) {
        List<Account> accounts = accounts(context, client);
        if (accounts == null) {
            return;
        }
        AccountChoice choice = AccountChoice.of(accounts, ticked);
        if (!choice.valid()) {
            // Nothing ticked, or an id that is not the user's: say so on the same page, change nothing.
            showConsentPage(context, permissions, choice.ticked(), AccountChoice.ERROR);
            return;
        }
        if (!claimDecision(context)) {
            return;
        }
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        ConsentStore store = session.getProvider(ConsentStore.class);
        Actor actor = Actor.user(user.getId());
        Consent consent = store.create(realm, newConsent(realm, client, user, link, permissions), actor, Channel.CONSENT_LINK);
        List<ConsentedResource> resources = new ArrayList<>();
        for (Account a : choice.chosen()) {
            resources.add(new ConsentedResource(a.id(), a.type(), a.label()));
        }
        consent = store.authorise(realm, consent.id(), user.getId(), resources, actor, Channel.CONSENT_LINK);
        ConsentDecision decision = new ConsentDecision(ConsentDecision.Result.APPROVED, consent.id(), choice.chosenIds());
        decision.writeTo(context.getAuthenticationSession());
        // The login behind the link leaves a Keycloak session with the partner; it ends with this consent.
        ConsentSessionNotes.authorisedIn(context.getAuthenticationSession(), consent.id());
        context.getEvent().detail("consent_id", consent.id());
        context.challenge(resultPage(context, decision));
    }

    private void ignore(RequiredActionContext context, ConsentLinkRequest link, ClientModel client,
                        List<ConsentPermissions.Permission> permissions) {
        if (!claimDecision(context)) {
            return;
        }
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        ConsentStore store = context.getSession().getProvider(ConsentStore.class);
        Actor actor = Actor.user(user.getId());
        Consent consent = store.create(realm, newConsent(realm, client, user, link, permissions), actor, Channel.CONSENT_LINK);
        store.reject(realm, consent.id(), new Rejection(RejectedBy.USER, RejectionReason.CUSTOMER_MANUALLY_REJECTED),
                actor, Channel.CONSENT_LINK);
        new ConsentDecision(ConsentDecision.Result.IGNORED, consent.id(), List.of()).writeTo(context.getAuthenticationSession());
        context.success();
    }

    /**
     * Cluster-wide "first decision wins" for this authentication session: two simultaneous posts (a double
     * click) cannot both create a consent. The loser sees the result page.
     */
    boolean claimDecision(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String key = "kcconsent-decision:" + authSession.getParentSession().getId() + ":" + authSession.getTabId();
        boolean first = context.getSession().getProvider(SingleUseObjectProvider.class).putIfAbsent(key, DECISION_GUARD_SECONDS);
        if (!first) {
            context.challenge(context.form()
                    .setAttribute("kcConsent", model(context, List.of(), List.of(), true, Set.of(), null, null))
                    .setInfo("kcConsentDecisionInProgress")
                    .createForm(TEMPLATE_SUCCESS));
        }
        return first;
    }

    private NewConsent newConsent(RealmModel realm, ClientModel client, UserModel user, ConsentLinkRequest link,
                                  List<ConsentPermissions.Permission> permissions) {
        return new NewConsent(client.getId(), user.getId(), ConsentType.DATA_SHARING, ConsentOrigin.CONSENT_LINK,
                ConsentPermissions.names(permissions), null, cpfOf(realm, user), null, link.sessionMetadata(), null);
    }

    /** The user's CPF when the realm keeps a well-formed one, so back office can find link consents by CPF. */
    private static String cpfOf(RealmModel realm, UserModel user) {
        String attribute = Optional.ofNullable(realm.getAttribute(CPF_ATTRIBUTE_SETTING)).orElse("cpf");
        return wellFormedCpf(user.getFirstAttribute(attribute));
    }

    /** The value when it has a CPF's shape (eleven digits), else null: nothing else is stored as the CPF. */
    static String wellFormedCpf(String value) {
        return value != null && value.matches("\\d{11}") ? value : null;
    }

    private Optional<Consent> alreadyGranted(RequiredActionContext context, ClientModel client, List<String> permissions) {
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        return context.getSession().getProvider(ConsentStore.class)
                .findAuthorisedByClientAndUser(context.getRealm(), client.getId(), context.getUser().getId()).stream()
                .filter(c -> c.origin() == ConsentOrigin.CONSENT_LINK)
                .filter(c -> c.isActive(now))
                .filter(c -> !c.resources().isEmpty())
                .filter(c -> c.permissions().containsAll(permissions))
                .findFirst();
    }

    /** The user's accounts, or null after showing the error page when they cannot be listed. */
    List<Account> accounts(RequiredActionContext context, ClientModel client) {
        try {
            return context.getSession().getProvider(AccountSource.class).accounts(context.getRealm(), client, context.getUser());
        } catch (AccountSourceException e) {
            LOG.warnf("accounts unavailable for a consent request of client %s: %s", client.getClientId(), e.getMessage());
            context.getEvent().error("consent_accounts_unavailable");
            context.challenge(context.form().setError("kcConsentAccountsUnavailable")
                    .createErrorPage(Response.Status.SERVICE_UNAVAILABLE));
            return null;
        }
    }

    /** The link flow's screen: every account of the user is offered, and at least one must be chosen. */
    private void showConsentPage(RequiredActionContext context, List<ConsentPermissions.Permission> permissions,
                                 Set<String> selected, String error) {
        List<Account> accounts = accounts(context, context.getAuthenticationSession().getClient());
        if (accounts == null) {
            return;
        }
        showConsentPage(context, permissions, accounts, true, selected, error, null);
    }

    /**
     * The consent screen with the given accounts on offer; without {@code accountsRequired} (permissions that
     * cover no account or card) the screen lists none and Permitir needs none.
     */
    void showConsentPage(RequiredActionContext context, List<ConsentPermissions.Permission> permissions,
                         List<Account> accounts, boolean accountsRequired, Set<String> selected, String error,
                         String expiration) {
        var form = context.form().setAttribute("kcConsent",
                model(context, permissions, accountsRequired ? accounts : List.of(), accountsRequired, selected, null, expiration));
        if (error != null) {
            form.setError(error);
        }
        context.challenge(form.createForm(TEMPLATE_CONSENT));
    }

    private Response resultPage(RequiredActionContext context, ConsentDecision decision) {
        return context.form()
                .setAttribute("kcConsent", model(context, List.of(), List.of(), true, Set.of(), decision.consentId(), null))
                .createForm(resultTemplate(decision.result()));
    }

    /** The page a recorded decision shows: "already granted" for an existing consent, else the success page. */
    static String resultTemplate(ConsentDecision.Result result) {
        return result == ConsentDecision.Result.ALREADY_GRANTED ? TEMPLATE_ALREADY_GRANTED : TEMPLATE_SUCCESS;
    }

    private static ConsentPageModel model(RequiredActionContext context, List<ConsentPermissions.Permission> permissions,
                                          List<Account> accounts, boolean accountsRequired, Set<String> selected,
                                          String consentId, String expiration) {
        ClientModel client = context.getAuthenticationSession().getClient();
        return new ConsentPageModel(ConsentPageModel.displayName(client.getName(), client.getClientId()),
                ConsentPageModel.safeLogoUri(client.getAttribute("logoUri")), permissions, accounts, accountsRequired,
                selected, consentId, expiration);
    }

    @Override
    public void close() {
    }
}
