package io.github.kcconsent.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlPolicyTest {

    private final WebhookUrlPolicy strict = new WebhookUrlPolicy(false, false);

    @ParameterizedTest
    @ValueSource(strings = {
            "http://93.184.216.34/hook",            // plain http
            "https://127.0.0.1/hook",               // loopback
            "https://[::1]/hook",                   // IPv6 loopback
            "https://169.254.169.254/latest/meta-data", // cloud metadata (link-local)
            "https://10.0.0.5/hook",                // private
            "https://172.16.3.4/hook",
            "https://192.168.1.10/hook",
            "https://100.64.0.1/hook",              // carrier-grade NAT
            "https://0.0.0.0/hook",
            "https://[fd00::1]/hook",               // IPv6 unique-local
            "https://user:pass@93.184.216.34/hook", // credentials
            "https://93.184.216.34/hook#frag",
            "ftp://93.184.216.34/hook",
            "not a url",
            "https:///nohost"})
    void refusesUnsafeUrls(String url) {
        assertThrows(IllegalArgumentException.class, () -> strict.check(url));
    }

    @Test
    void acceptsPublicHttpsAddresses() {
        assertDoesNotThrow(() -> strict.check("https://93.184.216.34/hook"));
        assertDoesNotThrow(() -> strict.check("https://[2606:2800:220:1:248:1893:25c8:1946]/hook"));
    }

    @Test
    void developmentSwitchesAllowLocalHttp() {
        WebhookUrlPolicy dev = new WebhookUrlPolicy(true, true);
        assertDoesNotThrow(() -> dev.check("http://127.0.0.1:8599/hook"));
        assertThrows(IllegalArgumentException.class, () -> new WebhookUrlPolicy(true, false).check("http://127.0.0.1/hook"));
        assertThrows(IllegalArgumentException.class, () -> new WebhookUrlPolicy(false, true).check("http://127.0.0.1/hook"));
    }
}
