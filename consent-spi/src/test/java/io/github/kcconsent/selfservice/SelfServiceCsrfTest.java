package io.github.kcconsent.selfservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SelfServiceCsrfTest {

    @Test
    void aNewTokenIs256RandomBitsInUrlSafeText() {
        String token = SelfServiceCsrf.newToken();

        assertEquals(43, token.length(), "32 bytes, base64url without padding");
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
    }

    @Test
    void everyNewTokenIsDifferent() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(SelfServiceCsrf.newToken());
        }
        assertEquals(1000, tokens.size());
    }

    @Test
    void exactlyTheIssuedTokenMatches() {
        String issued = SelfServiceCsrf.newToken();

        assertTrue(SelfServiceCsrf.matches(issued, issued));
        assertTrue(SelfServiceCsrf.matches(issued, new String(issued.toCharArray())), "compared by value");
        assertFalse(SelfServiceCsrf.matches(issued, SelfServiceCsrf.newToken()));
        assertFalse(SelfServiceCsrf.matches(issued, issued.substring(0, 42)), "a prefix");
        assertFalse(SelfServiceCsrf.matches(issued, issued + "x"), "a longer value");
        assertFalse(SelfServiceCsrf.matches(issued, issued.toUpperCase()), "case matters");
        assertFalse(SelfServiceCsrf.matches(issued, ""));
    }

    @Test
    void nothingMatchesWhenNoTokenWasIssuedOrNoneIsPresented() {
        assertFalse(SelfServiceCsrf.matches(null, null), "a session that never showed a form");
        assertFalse(SelfServiceCsrf.matches(null, ""));
        assertFalse(SelfServiceCsrf.matches(null, "anything"));
        assertFalse(SelfServiceCsrf.matches(SelfServiceCsrf.newToken(), null), "a form without the field");
    }
}
