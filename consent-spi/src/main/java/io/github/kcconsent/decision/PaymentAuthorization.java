package io.github.kcconsent.decision;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import io.github.kcconsent.accounts.Account;
import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentedResource;
import io.github.kcconsent.consent.RejectionReason;
import io.github.kcconsent.openbanking.payments.validation.PaymentAccount;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentData;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest;
import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.ClientModel;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The payment screen: an Open Finance consent of type PAYMENT, already checked by
 * {@link OpenFinanceAuthorization} like any Open Finance consent (one consent, the requesting client's, awaiting
 * and not expired, the customer's CPF / CNPJ). It shows who asks, the amount, the creditor (name, masked
 * document, the institution of the creditor's account), when the money leaves, and the accounts it may leave
 * from ({@link PaymentAccounts}). Confirmar authorises the consent with the chosen account as its
 * {@code debtorAccount}; Cancelar rejects it ({@code REJEITADO_USUARIO}) and the partner gets
 * {@code access_denied}, as Ignorar does for data sharing. A consent no account can ever pay is rejected by the
 * bank with the Payments API's reason and the partner gets {@code access_denied}: a {@code debtorAccount} the
 * partner sent that is not one of the customer's accounts able to pay ({@code CONTA_NAO_PERMITE_PAGAMENTO}), or
 * nothing left to pay from but the creditor's own account ({@code CONTAS_ORIGEM_DESTINO_IGUAIS}). It could
 * otherwise only wait for its authorisation window to end, and the partner would learn why only then. So is an
 * immediate payment whose day has ended in Brasília time (created at 23:58, confirmed at 00:01): its Pix would be
 * for a day that has passed, so its authorisation time ended with that day ({@code TEMPO_EXPIRADO_AUTORIZACAO},
 * by the bank), whether the screen is reached or Confirmar is pressed after midnight.
 */
final class PaymentAuthorization {

    static final String TEMPLATE = "kcconsent-payment.ftl";
    /** The message of the screen shown again when Confirmar came without exactly one usable account. */
    static final String SELECT_ACCOUNT = "kcConsentPaymentSelectAccount";
    static final String DEBTOR_ACCOUNT_UNAVAILABLE =
            "the payment consent's debtorAccount is not an account of this customer that can pay";
    static final String SAME_ACCOUNTS = "the only account this customer could pay from is the creditor's account";
    static final String DATE_PASSED = "the consent's immediate payment is for a day that has ended in Brasília time";
    static final String DETAILS_UNREADABLE = "the payment consent's details cannot be read";

    private static final Logger LOG = Logger.getLogger(PaymentAuthorization.class);

    private final ConsentDecisionRequiredAction screen;
    private final OpenFinanceAuthorization flow;

    PaymentAuthorization(ConsentDecisionRequiredAction screen, OpenFinanceAuthorization flow) {
        this.screen = screen;
        this.flow = flow;
    }

    /** What the screen needs: the stored request, all of the customer's accounts and those that may pay. */
    private record Offer(PaymentConsentRequest request, List<Account> all, List<Account> payable) {
    }

    void challenge(RequiredActionContext context, Consent consent) {
        Offer offer = offer(context, consent);
        if (offer != null) {
            show(context, offer.request(), offer.payable(), null, null);
        }
    }

    /**
     * The offer, or null after the authorization was refused (level too low, unreadable details, no account
     * can ever pay it, its immediate payment's day has ended) or the error page shown (no account list).
     */
    private Offer offer(RequiredActionContext context, Consent consent) {
        if (levelTooLow(context)) {
            return null;
        }
        PaymentConsentRequest request = request(context, consent);
        if (request == null) {
            return null;
        }
        if (request.payment().dayEnded(OpenFinanceAuthorization.now())) {
            flow.rejectByBank(context, consent, RejectionReason.TEMPO_EXPIRADO_AUTORIZACAO,
                    "O pagamento imediato era para " + request.payment().date() + ", dia que terminou antes da confirmação.",
                    "consent_payment_date_passed", DATE_PASSED);
            return null;
        }
        List<Account> all = screen.accounts(context, context.getAuthenticationSession().getClient());
        if (all == null) {
            return null;
        }
        PaymentAccount creditorAccount = request.payment().details().creditorAccount();
        RejectionReason unpayable = PaymentAccounts.unpayable(all, consent.businessEntityDocument(),
                request.debtorAccount(), creditorAccount);
        if (unpayable != null) {
            boolean sameAccounts = unpayable == RejectionReason.CONTAS_ORIGEM_DESTINO_IGUAIS;
            flow.rejectByBank(context, consent, unpayable, null,
                    sameAccounts ? "consent_same_debtor_and_creditor_account" : "consent_debtor_account_unavailable",
                    sameAccounts ? SAME_ACCOUNTS : DEBTOR_ACCOUNT_UNAVAILABLE);
            return null;
        }
        return new Offer(request, all, PaymentAccounts.payable(all, consent.businessEntityDocument(),
                request.debtorAccount(), creditorAccount));
    }

    void process(RequiredActionContext context, Consent consent, DecisionForm form) {
        if (form.action() == DecisionForm.Action.IGNORE) {
            flow.reject(context, consent);
            return;
        }
        if (form.action() != DecisionForm.Action.APPROVE) {
            challenge(context, consent);
            return;
        }
        Offer offer = offer(context, consent);
        if (offer == null) {
            return;
        }
        PaymentConsentRequest request = offer.request();
        List<Account> all = offer.all();
        List<Account> payable = offer.payable();
        PaymentAccounts.Choice choice = PaymentAccounts.choose(all, consent.businessEntityDocument(),
                request.debtorAccount(), request.payment().details().creditorAccount(), form.accounts());
        if (choice instanceof PaymentAccounts.WrongParty) {
            OpenFinanceAuthorization.deny(context, OpenFinanceParties.accountMismatch(consent.businessEntityDocument()));
            return;
        }
        if (!(choice instanceof PaymentAccounts.Chosen chosen)) {
            show(context, request, payable, null, SELECT_ACCOUNT);
            return;
        }
        Account account = chosen.account();
        flow.authorise(context, consent, List.of(new ConsentedResource(account.id(), account.type(), account.label())),
                PaymentConsentData.withDebtorAccount(consent.paymentDetails(), account.payment()));
    }

    /** True after refusing the authorization when it did not reach LoA3 where the realm defines it ({@link PaymentLevel}). */
    private static boolean levelTooLow(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        int reached = new AcrStore(context.getSession(), authSession).getLevelOfAuthenticationFromCurrentAuthentication();
        if (!PaymentLevel.tooLow(AcrUtils.getAcrLoaMap(authSession.getClient()), reached)) {
            return false;
        }
        OpenFinanceAuthorization.deny(context, "consent_level_of_authentication_too_low", PaymentLevel.TOO_LOW);
        return true;
    }

    /** The stored request, or null after refusing the authorization when it cannot be read. */
    private static PaymentConsentRequest request(RequiredActionContext context, Consent consent) {
        try {
            if (consent.paymentDetails() != null) {
                return PaymentConsentData.read(consent.paymentDetails(), consent.createdAt());
            }
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            // The message names the broken rule, never a value: no personal data here.
            LOG.warnf("payment consent %s cannot be shown: %s", consent.id(), e.getMessage());
        }
        OpenFinanceAuthorization.deny(context, "consent_payment_details_invalid", DETAILS_UNREADABLE);
        return null;
    }

    private static void show(RequiredActionContext context, PaymentConsentRequest request, List<Account> payable,
                             String selected, String error) {
        ClientModel client = context.getAuthenticationSession().getClient();
        Locale locale = context.getSession().getContext().resolveLocale(context.getUser());
        var form = context.form().setAttribute("kcConsent", new PaymentPageModel(
                ConsentPageModel.displayName(client.getName(), client.getClientId()),
                ConsentPageModel.safeLogoUri(client.getAttribute("logoUri")), request, payable, selected, locale));
        if (error != null) {
            form.setError(error);
        }
        context.challenge(form.createForm(TEMPLATE));
    }
}
