package io.github.kcconsent.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.github.kcconsent.accounts.Account;
import org.junit.jupiter.api.Test;

/** What the consent templates render: the partner's name and logo, the accounts, the expiration date. */
class ConsentPageModelTest {

    @Test
    void thePartnerIsShownByItsNameOrElseByItsClientId() {
        assertEquals("Parceiro Demo", ConsentPageModel.displayName("Parceiro Demo", "demo-partner"));
        assertEquals("demo-partner", ConsentPageModel.displayName(null, "demo-partner"));
        assertEquals("demo-partner", ConsentPageModel.displayName("  ", "demo-partner"));
    }

    @Test
    void onlyAnHttpOrHttpsLogoIsRendered() {
        assertEquals("https://partner.example/logo.png", ConsentPageModel.safeLogoUri("https://partner.example/logo.png"));
        assertEquals("http://partner.example/logo.png", ConsentPageModel.safeLogoUri("http://partner.example/logo.png"));
        assertNull(ConsentPageModel.safeLogoUri(null));
        assertNull(ConsentPageModel.safeLogoUri("javascript:alert(1)"));
        assertNull(ConsentPageModel.safeLogoUri("data:image/png;base64,AAAA"));
        assertNull(ConsentPageModel.safeLogoUri("/logo.png"));
        assertNull(ConsentPageModel.safeLogoUri("HTTPS://partner.example/logo.png"), "the scheme is matched as written");
    }

    @Test
    void theExpirationIsTheDateInBrasiliaAndNoneMeansNoEndDate() {
        assertEquals("31/12/2025", ConsentPageModel.expirationText(Instant.parse("2026-01-01T02:59:59Z")));
        assertEquals("01/01/2026", ConsentPageModel.expirationText(Instant.parse("2026-01-01T03:00:00Z")));
        assertNull(ConsentPageModel.expirationText(null));
    }

    @Test
    void eachAccountIsTickedWhenSelectedAndLabelledByItsIdWhenItHasNoLabel() {
        ConsentPageModel model = new ConsentPageModel("Parceiro", null, List.of(),
                List.of(new Account("acc-1", "CONTA", "Conta •••• 1"), new Account("acc-2", "CONTA", " ")),
                true, Set.of("acc-2"), null, null);

        List<ConsentPageModel.AccountView> accounts = model.getAccounts();
        assertEquals("Conta •••• 1", accounts.get(0).getLabel());
        assertFalse(accounts.get(0).isSelected());
        assertEquals("acc-2", accounts.get(1).getLabel());
        assertTrue(accounts.get(1).isSelected());
    }

    @Test
    void aCpfIsStoredOnlyWithElevenDigits() {
        assertEquals("52998224725", ConsentDecisionRequiredAction.wellFormedCpf("52998224725"));
        assertNull(ConsentDecisionRequiredAction.wellFormedCpf("529.982.247-25"));
        assertNull(ConsentDecisionRequiredAction.wellFormedCpf("5299822472"));
        assertNull(ConsentDecisionRequiredAction.wellFormedCpf(null));
    }
}
