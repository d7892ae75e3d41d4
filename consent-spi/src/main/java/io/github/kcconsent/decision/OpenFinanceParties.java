package io.github.kcconsent.decision;

import java.util.List;
import java.util.Optional;

/**
 * Whether the logged-in user may decide an Open Finance consent: the user's CPF is the consent's
 * {@code loggedUser}; a business consent only by a credential acting for its {@code businessEntity} (one of the
 * user's CNPJs), a personal consent only by a personal credential (no CNPJ at all).
 */
final class OpenFinanceParties {

    /** Why the partner gets {@code access_denied}: the event's error and the description sent. */
    record Refusal(String eventError, String description) {
    }

    private OpenFinanceParties() {
    }

    /** Empty when the user may decide; checked in this order, the first failing rule answers. */
    static Optional<Refusal> refusal(String loggedUserDocument, String businessEntityDocument, String userCpf,
                                     List<String> userCompanies) {
        if (loggedUserDocument == null || !loggedUserDocument.equals(userCpf)) {
            return Optional.of(new Refusal("consent_user_mismatch", "the logged-in user is not the consent's loggedUser"));
        }
        if (businessEntityDocument == null && !userCompanies.isEmpty()) {
            return Optional.of(new Refusal("consent_business_credential",
                    "a business credential cannot authorise a personal consent"));
        }
        if (businessEntityDocument != null && !userCompanies.contains(businessEntityDocument)) {
            return Optional.of(new Refusal("consent_business_mismatch",
                    "the logged-in user does not act for the consent's businessEntity"));
        }
        return Optional.empty();
    }

    /** Why a ticked account cannot be shared under the consent: it is not of the consent's party. */
    static Refusal accountMismatch(String businessEntityDocument) {
        return new Refusal("consent_account_business_mismatch", businessEntityDocument == null
                ? "a business account cannot be shared under a personal consent"
                : "the selected account does not belong to the consent's businessEntity");
    }
}
