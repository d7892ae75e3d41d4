package io.github.kcconsent.clientsettings;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlFormTest {

    @Test
    void anHttpsUrlWithAHostIsAcceptedAsIs() {
        assertEquals(URI.create("https://partner.example:8443/hooks/in?x=1"),
                WebhookUrlForm.check("https://partner.example:8443/hooks/in?x=1", false));
    }

    @Test
    void plainHttpNeedsTheServerOption() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> WebhookUrlForm.check("http://partner.example/hook", false));
        assertEquals("only https webhook URLs are allowed", refused.getMessage());
        assertDoesNotThrow(() -> WebhookUrlForm.check("HTTP://partner.example/hook", true));
        assertThrows(IllegalArgumentException.class, () -> WebhookUrlForm.check("ftp://partner.example/hook", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:pass@partner.example/hook", "https://partner.example/hook#frag", "https:///nohost"})
    void aUrlNeedsAHostAndCarriesNoCredentialsOrFragment(String url) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> WebhookUrlForm.check(url, true));
        assertEquals("the URL needs a host and must carry no credentials or fragment", refused.getMessage());
    }

    @Test
    void somethingThatIsNotAUrlIsSaidToBeSo() {
        assertEquals("not a valid URL",
                assertThrows(IllegalArgumentException.class, () -> WebhookUrlForm.check("not a url", false)).getMessage());
        assertEquals("not a valid URL",
                assertThrows(IllegalArgumentException.class, () -> WebhookUrlForm.check(null, false)).getMessage());
    }

    @Test
    void theHostIsNeverResolved() {
        // .invalid never resolves (RFC 2606); only the dispatcher's policy looks hosts up.
        assertDoesNotThrow(() -> WebhookUrlForm.check("https://no-such-host.invalid/hook", false));
    }

    @Test
    void aBaseUriFollowsTheSameRulesAndHasNoQuery() {
        assertEquals(URI.create("https://tpp.example:8443/hooks/"), WebhookUrlForm.checkBase("https://tpp.example:8443/hooks/", false));
        assertEquals("a base URI must carry no query", assertThrows(IllegalArgumentException.class,
                () -> WebhookUrlForm.checkBase("https://tpp.example/hooks?x=1", false)).getMessage());
        assertEquals("only https webhook URLs are allowed", assertThrows(IllegalArgumentException.class,
                () -> WebhookUrlForm.checkBase("http://tpp.example", false)).getMessage());
        assertDoesNotThrow(() -> WebhookUrlForm.checkBase("http://127.0.0.1:8599/ofb", true));
        assertThrows(IllegalArgumentException.class, () -> WebhookUrlForm.checkBase("https://u:p@tpp.example", false));
        assertThrows(IllegalArgumentException.class, () -> WebhookUrlForm.checkBase("https://tpp.example#f", false));
    }
}
