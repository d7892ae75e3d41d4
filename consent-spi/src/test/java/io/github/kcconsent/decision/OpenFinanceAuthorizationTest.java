package io.github.kcconsent.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.kcconsent.fakes.KeycloakFakes;
import org.junit.jupiter.api.Test;
import org.keycloak.sessions.AuthenticationSessionModel;

/** Which consent an authorization asks to decide: the one its {@code consent:<id>} scope names. */
class OpenFinanceAuthorizationTest {

    private static AuthenticationSessionModel requesting(String scope) {
        return KeycloakFakes.of(AuthenticationSessionModel.class)
                .on("getClientNote", 1, a -> "scope".equals(a[0]) ? scope : null).build();
    }

    @Test
    void anAuthorizationNamingOneConsentAsksForThatConsent() {
        assertEquals("urn:bank:a1b2c3", OpenFinanceAuthorization.requestedConsentId(requesting("openid consent:urn:bank:a1b2c3 accounts")));
        assertEquals("urn:bank:a1b2c3", OpenFinanceAuthorization.requestedConsentId(
                requesting("consent:urn:bank:a1b2c3 openid consent:urn:bank:a1b2c3")), "the same consent twice is one");
    }

    @Test
    void anAuthorizationNamingTwoConsentsIsMarkedToBeRefused() {
        assertEquals(OpenFinanceAuthorization.SEVERAL_CONSENTS,
                OpenFinanceAuthorization.requestedConsentId(requesting("openid consent:urn:bank:a1 consent:urn:bank:b2")));
    }

    @Test
    void anAuthorizationNamingNoConsentIsNotAnOpenFinanceOne() {
        assertNull(OpenFinanceAuthorization.requestedConsentId(requesting("openid profile")));
        assertNull(OpenFinanceAuthorization.requestedConsentId(requesting(null)));
    }
}
