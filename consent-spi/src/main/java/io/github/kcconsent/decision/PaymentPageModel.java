package io.github.kcconsent.decision;

import java.util.List;
import java.util.Locale;
import io.github.kcconsent.accounts.Account;
import io.github.kcconsent.openbanking.payments.validation.PaymentConsentRequest;
import io.github.kcconsent.openbanking.payments.validation.PersonType;

/**
 * What the payment screen ({@code kcconsent-payment.ftl}) renders, exposed to FreeMarker as {@code kcConsent}.
 * Getters only, every value a plain string FreeMarker escapes: the creditor's name and the initiator's
 * description come from the partner and are shown as text. The creditor's document is masked here, so the
 * page never carries it whole.
 */
public class PaymentPageModel {

    private final String clientName;
    private final String clientLogoUri;
    private final String amount;
    private final String creditorName;
    private final String creditorDocument;
    private final String creditorDocumentType;
    private final String creditorIspb;
    private final PaymentWhen when;
    private final List<ConsentPageModel.AccountView> accounts;
    private final boolean debtorAccountFixed;

    /**
     * @param accounts the accounts the payment may come from ({@link PaymentAccounts#payable})
     * @param selected the account ticked when the screen is shown again
     */
    PaymentPageModel(String clientName, String clientLogoUri, PaymentConsentRequest request, List<Account> accounts,
                     String selected, Locale locale) {
        this.clientName = clientName;
        this.clientLogoUri = clientLogoUri;
        this.amount = PaymentFormat.amount(request.payment().amount().value(), request.payment().currency(), locale);
        this.creditorName = request.creditor().name();
        this.creditorDocument = PaymentFormat.maskedDocument(request.creditor().cpfCnpj());
        this.creditorDocumentType = request.creditor().personType() == PersonType.PESSOA_NATURAL ? "CPF" : "CNPJ";
        this.creditorIspb = request.payment().details().creditorAccount().ispb();
        this.when = PaymentWhen.of(request.payment(), locale);
        this.debtorAccountFixed = request.debtorAccount() != null;
        // One account on offer is ticked already: the customer only has to confirm.
        this.accounts = accounts.stream()
                .map(a -> new ConsentPageModel.AccountView(a.id(), a.type(), a.label(),
                        a.id().equals(selected) || accounts.size() == 1))
                .toList();
    }

    public String getClientName() {
        return clientName;
    }

    public String getClientLogoUri() {
        return clientLogoUri;
    }

    /** Formatted for the customer's language, e.g. {@code R$ 1.234,56}. */
    public String getAmount() {
        return amount;
    }

    public String getCreditorName() {
        return creditorName;
    }

    /** Masked, e.g. {@code ***.456.789-**}. */
    public String getCreditorDocument() {
        return creditorDocument;
    }

    /** CPF or CNPJ. */
    public String getCreditorDocumentType() {
        return creditorDocumentType;
    }

    /** The creditor account's institution. */
    public String getCreditorIspb() {
        return creditorIspb;
    }

    public PaymentWhen getWhen() {
        return when;
    }

    public List<ConsentPageModel.AccountView> getAccounts() {
        return accounts;
    }

    /** Whether the partner named the account to pay from, so no other may be chosen. */
    public boolean isDebtorAccountFixed() {
        return debtorAccountFixed;
    }
}
