package io.github.kcconsent.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import io.github.kcconsent.decision.OpenFinanceParties.Refusal;
import org.junit.jupiter.api.Test;

/** Who may decide an Open Finance consent: its loggedUser, acting for its businessEntity or for no company. */
class OpenFinancePartiesTest {

    static final String CPF = "52998224725";
    static final String COMPANY = "11222333000181";
    static final String OTHER_COMPANY = "11444777000161";

    private static String error(Optional<Refusal> refusal) {
        return refusal.map(Refusal::eventError).orElse("allowed");
    }

    @Test
    void theConsentsLoggedUserWithAPersonalCredentialDecidesAPersonalConsent() {
        assertTrue(OpenFinanceParties.refusal(CPF, null, CPF, List.of()).isEmpty());
    }

    @Test
    void theConsentsLoggedUserActingForItsBusinessEntityDecidesABusinessConsent() {
        assertTrue(OpenFinanceParties.refusal(CPF, COMPANY, CPF, List.of(OTHER_COMPANY, COMPANY)).isEmpty());
    }

    @Test
    void anotherUsersCpfOrAUserWithoutOneIsRefusedFirst() {
        Optional<Refusal> other = OpenFinanceParties.refusal(CPF, COMPANY, "11144477735", List.of());
        assertEquals("consent_user_mismatch", error(other));
        assertEquals("the logged-in user is not the consent's loggedUser", other.get().description());
        assertEquals("consent_user_mismatch", error(OpenFinanceParties.refusal(CPF, null, null, List.of())));
        assertEquals("consent_user_mismatch", error(OpenFinanceParties.refusal(null, null, null, List.of())));
    }

    @Test
    void aBusinessCredentialCannotDecideAPersonalConsent() {
        Optional<Refusal> refusal = OpenFinanceParties.refusal(CPF, null, CPF, List.of(COMPANY));
        assertEquals("consent_business_credential", error(refusal));
        assertEquals("a business credential cannot authorise a personal consent", refusal.get().description());
    }

    @Test
    void aCredentialActingForAnotherCompanyOrForNoneCannotDecideABusinessConsent() {
        Optional<Refusal> refusal = OpenFinanceParties.refusal(CPF, COMPANY, CPF, List.of(OTHER_COMPANY));
        assertEquals("consent_business_mismatch", error(refusal));
        assertEquals("the logged-in user does not act for the consent's businessEntity", refusal.get().description());
        assertEquals("consent_business_mismatch", error(OpenFinanceParties.refusal(CPF, COMPANY, CPF, List.of())));
    }

    @Test
    void aTickedAccountOfTheWrongPartySaysWhichWayItIsWrong() {
        assertEquals(new Refusal("consent_account_business_mismatch", "a business account cannot be shared under a personal consent"),
                OpenFinanceParties.accountMismatch(null));
        assertEquals(new Refusal("consent_account_business_mismatch",
                        "the selected account does not belong to the consent's businessEntity"),
                OpenFinanceParties.accountMismatch(COMPANY));
    }
}
