package io.github.kcconsent.selfservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import io.github.kcconsent.consent.Consent;
import io.github.kcconsent.consent.ConsentOrigin;
import io.github.kcconsent.consent.ConsentStatus;
import io.github.kcconsent.consent.ConsentType;
import io.github.kcconsent.consent.ConsentedResource;
import io.github.kcconsent.permissions.ConsentPermissions;
import org.junit.jupiter.api.Test;

class MyConsentViewTest {

    private static final Instant NOW = Instant.parse("2026-04-02T10:00:00Z");
    private static final List<ConsentPermissions.Permission> PERMISSIONS =
            List.of(new ConsentPermissions.Permission("accounts", "${kcConsentPermissionAccounts}"));

    private static Consent consent(ConsentStatus status, Instant expiresAt, List<ConsentedResource> resources) {
        return new Consent("urn:consent-demo:1", "realm", "client-internal-id", "maria-id", ConsentType.DATA_SHARING,
                ConsentOrigin.CONSENT_LINK, status, List.of("accounts"), resources,
                Instant.parse("2026-04-01T15:30:00Z"), Instant.parse("2026-04-01T15:31:00Z"), expiresAt, null, null,
                null, null, null, null, 0, null);
    }

    @Test
    void anActiveConsentShowsEverythingTheCustomerNeedsToRecogniseIt() {
        MyConsentView view = MyConsentView.of(consent(ConsentStatus.AUTHORISED, Instant.parse("2027-01-01T02:59:00Z"),
                List.of(new ConsentedResource("acc-0001", "CONTA", "Conta •••• 1234"))), "Banco Parceiro", PERMISSIONS,
                NOW);

        assertEquals("urn:consent-demo:1", view.getId());
        assertEquals("Banco Parceiro", view.getPartner());
        assertEquals("accounts", view.getPermissions().get(0).getName());
        assertEquals("${kcConsentPermissionAccounts}", view.getPermissions().get(0).getText());
        assertEquals(List.of("Conta •••• 1234"), view.getAccounts());
        assertEquals("AUTHORISED", view.getStatus());
        assertTrue(view.isRevocable());
    }

    @Test
    void datesAreTheCustomersWallClockTimeInBrazil() {
        MyConsentView view = MyConsentView.of(consent(ConsentStatus.AUTHORISED, Instant.parse("2027-01-01T02:59:00Z"),
                List.of()), "p", PERMISSIONS, NOW);

        assertEquals("01/04/2026 12:30", view.getCreated(), "15:30 UTC is 12:30 in São Paulo");
        assertEquals("31/12/2026 23:59", view.getExpires(), "the day before in São Paulo");
    }

    @Test
    void aConsentWithoutAnEndDateShowsNoExpiry() {
        assertEquals("", MyConsentView.of(consent(ConsentStatus.AUTHORISED, null, List.of()), "p", PERMISSIONS, NOW)
                .getExpires());
    }

    @Test
    void accountsShowTheLabelTheCustomerSawElseTheirId() {
        MyConsentView view = MyConsentView.of(consent(ConsentStatus.AUTHORISED, null, List.of(
                new ConsentedResource("acc-0001", "CONTA", "Conta •••• 1234"),
                new ConsentedResource("acc-0002", "CONTA", null))), "p", PERMISSIONS, NOW);

        assertEquals(List.of("Conta •••• 1234", "acc-0002"), view.getAccounts());
    }

    @Test
    void aConsentPastItsTimeShowsAsEndedWithoutARevokeButton() {
        MyConsentView view = MyConsentView.of(consent(ConsentStatus.AUTHORISED, NOW.minusSeconds(1), List.of()), "p",
                PERMISSIONS, NOW);

        assertEquals("REJECTED", view.getStatus());
        assertFalse(view.isRevocable());
    }

    @Test
    void endedConsentsAreListedButCannotBeRevoked() {
        MyConsentView view = MyConsentView.of(consent(ConsentStatus.REJECTED, null, List.of()), "p", PERMISSIONS, NOW);

        assertEquals("REJECTED", view.getStatus());
        assertFalse(view.isRevocable());
    }

    @Test
    void thePermissionsAreShownAsGivenAndCannotBeChangedThroughTheView() {
        MyConsentView view = MyConsentView.of(consent(ConsentStatus.AUTHORISED, null, List.of()), "p", PERMISSIONS,
                NOW);

        assertSame(PERMISSIONS.get(0), view.getPermissions().get(0));
        assertEquals(1, view.getPermissions().size());
        assertThrows(UnsupportedOperationException.class, () -> view.getPermissions().clear());
        assertThrows(UnsupportedOperationException.class, () -> view.getAccounts().clear());
    }

    @Test
    void thePartnerIsItsDisplayNameElseItsClientId() {
        assertEquals("Banco Parceiro", MyConsentView.partnerName("Banco Parceiro", "demo-partner", "internal"));
        assertEquals("demo-partner", MyConsentView.partnerName(null, "demo-partner", "internal"));
        assertEquals("demo-partner", MyConsentView.partnerName("  ", "demo-partner", "internal"));
    }

    @Test
    void aPartnerThatCannotBeFoundIsNamedByTheIdTheConsentStores() {
        assertEquals("internal", MyConsentView.partnerName(null, null, "internal"));
    }
}
