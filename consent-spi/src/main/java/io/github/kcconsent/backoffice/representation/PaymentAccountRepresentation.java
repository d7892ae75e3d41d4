package io.github.kcconsent.backoffice.representation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.kcconsent.openbanking.payments.validation.PaymentAccount;

/** A creditor or debtor account of a payment consent, in the Payments API's member names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentAccountRepresentation(
        @JsonProperty("ispb") String ispb,
        @JsonProperty("issuer") String issuer,
        @JsonProperty("number") String number,
        @JsonProperty("accountType") String accountType) {

    /** Null for no account, so the member is left out. */
    public static PaymentAccountRepresentation of(PaymentAccount account) {
        if (account == null) {
            return null;
        }
        return new PaymentAccountRepresentation(account.ispb(), account.issuer(), account.number(),
                account.accountType().name());
    }
}
