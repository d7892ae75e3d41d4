package io.github.kcconsent.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConsentScopesTest {

    @Test
    void findsEveryConsentScopeOnceInOrder() {
        assertEquals(List.of("urn:bank:a1b2c3", "urn:bank:d4e5f6"),
                ConsentScopes.consentIds("openid consent:urn:bank:a1b2c3 profile consent:urn:bank:d4e5f6 consent:urn:bank:a1b2c3"));
    }

    @Test
    void noScopeOrNoConsentScopeNamesNoConsent() {
        assertEquals(List.of(), ConsentScopes.consentIds(null));
        assertEquals(List.of(), ConsentScopes.consentIds("  "));
        assertEquals(List.of(), ConsentScopes.consentIds("openid consents profile"));
    }

    @Test
    void singleIsTheOneConsentOrNothing() {
        assertEquals("urn:bank:a1b2c3", ConsentScopes.single("openid  consent:urn:bank:a1b2c3\tprofile"));
        assertNull(ConsentScopes.single("openid"));
        assertNull(ConsentScopes.single("consent:urn:bank:a1b2c3 consent:urn:bank:d4e5f6"));
    }

    @Test
    void onlyUrnsOfTheSpecsShapeAreConsentIds() {
        assertTrue(ConsentScopes.isWellFormed("urn:consent-demo:830ce3c6-e9e7-4800-ae93-3e9b29b470f1"));
        assertFalse(ConsentScopes.isWellFormed(null));
        assertFalse(ConsentScopes.isWellFormed("urn:a:"));
        assertFalse(ConsentScopes.isWellFormed("consent-123"));
        assertFalse(ConsentScopes.isWellFormed("urn:bank:with space"));
        assertFalse(ConsentScopes.isWellFormed("urn:bank:" + "x".repeat(250)), "longer than 256");
    }
}
