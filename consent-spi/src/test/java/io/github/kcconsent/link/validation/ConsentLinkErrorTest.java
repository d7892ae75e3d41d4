package io.github.kcconsent.link.validation;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsentLinkErrorTest {

    @Test
    void eventErrorsArePrefixedLowerCaseNames() {
        assertEquals("consent_link_expired", ConsentLinkError.EXPIRED.eventError());
        assertEquals("consent_link_redirect_uri_not_registered", ConsentLinkError.REDIRECT_URI_NOT_REGISTERED.eventError());
        for (ConsentLinkError e : ConsentLinkError.values()) {
            assertEquals("consent_link_" + e.name().toLowerCase(Locale.ROOT), e.eventError());
        }
    }

    @Test
    void nothingIsRedirectable() {
        for (ConsentLinkError e : ConsentLinkError.values()) {
            assertFalse(e.redirectable(), e.name());
        }
    }

    @Test
    void allSpecifiedValuesExist() {
        Set<String> expected = Set.of("MALFORMED", "TOO_LARGE", "WRONG_TYPE", "ALGORITHM_NOT_ALLOWED",
                "HEADER_KEY_FORBIDDEN", "UNKNOWN_KEY", "BAD_SIGNATURE", "CLIENT_MISMATCH", "WRONG_AUDIENCE",
                "MISSING_CLAIM", "EXPIRED", "NOT_YET_VALID", "LIFETIME_TOO_LONG", "REPLAYED",
                "REDIRECT_URI_NOT_REGISTERED", "SESSION_METADATA_INVALID", "UNKNOWN_CLIENT", "LINK_DISABLED");
        assertEquals(expected.size(), ConsentLinkError.values().length);
        for (String name : expected) {
            ConsentLinkError.valueOf(name);
        }
    }

    @Test
    void exceptionCarriesTheErrorAndOnlyOurText() {
        ConsentLinkException e = new ConsentLinkException(ConsentLinkError.LINK_DISABLED);
        assertEquals(ConsentLinkError.LINK_DISABLED, e.error());
        assertEquals("consent_link_link_disabled", e.getMessage());
        assertNull(e.getCause());
        assertEquals("consent_link_expired: exp is in the past",
                new ConsentLinkException(ConsentLinkError.EXPIRED, "exp is in the past").getMessage());
        assertThrows(NullPointerException.class, () -> new ConsentLinkException(null));
    }

    @Test
    void clientRedirectUrisAreExactAndNeverWildcards() {
        ConsentLinkClient client = new ConsentLinkClient("c", new HashSet<>(Arrays.asList(
                "https://a.example/cb", "*", "https://b.example/*", null)));
        assertTrue(client.isRegisteredRedirectUri("https://a.example/cb"));
        assertFalse(client.isRegisteredRedirectUri("*"));
        assertFalse(client.isRegisteredRedirectUri("https://b.example/*"));
        assertFalse(client.isRegisteredRedirectUri("https://b.example/x"));
        assertFalse(client.isRegisteredRedirectUri(null));
        assertEquals(3, client.registeredRedirectUris().size(), "null entries dropped");
    }
}
