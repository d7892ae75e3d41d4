package io.github.kcconsent.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

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
            "https://[64:ff9b::a9fe:a9fe]/hook",    // NAT64 of 169.254.169.254
            "https://[2002:a9fe:a9fe::1]/hook",     // 6to4 of 169.254.169.254
            "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook", // Teredo
            "https://[::ffff:127.0.0.1]/hook",      // IPv4-mapped loopback
            "https://198.18.0.1/hook",              // benchmarking
            "https://198.19.255.254/hook",
            "https://240.0.0.1/hook",               // reserved
            "https://255.255.255.255/hook",         // broadcast
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
        assertDoesNotThrow(() -> strict.check("https://198.20.0.1/hook")); // just past 198.18.0.0/15
        assertDoesNotThrow(() -> strict.check("https://223.255.255.1/hook")); // just below multicast
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.255.255.255", "100.127.0.1", "127.0.0.1", "169.254.0.1", "172.31.255.255",
            "192.0.0.8", "192.0.2.1", "192.88.99.1", "192.168.0.1", "198.18.0.0", "198.19.255.255", "198.51.100.7",
            "203.0.113.9", "224.0.0.1", "239.255.255.255", "240.0.0.0", "255.255.255.255",
            "::", "::1", "::127.0.0.1", "64:ff9b::1", "64:ff9b:1::1", "100::1", "2001::1", "2001:db8::1", "2002::1",
            "fc00::1", "fdff::1", "fe80::1", "febf::1", "fec0::1", "ff02::1"})
    void theBlocklistCoversEverySpecialRange(String literal) throws UnknownHostException {
        assertTrue(BlockedAddresses.isBlocked(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "172.15.255.255",
            "172.32.0.0", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255",
            "2606:4700::1111", "2001:200::1", "2003::1", "64:ff9c::1", "fbff::1", "fe7f::1"})
    void publicAddressesAreNotBlocked(String literal) throws UnknownHostException {
        assertFalse(BlockedAddresses.isBlocked(InetAddress.getByName(literal)), literal);
    }

    @Test
    void developmentSwitchesAllowLocalHttp() {
        WebhookUrlPolicy dev = new WebhookUrlPolicy(true, true);
        assertDoesNotThrow(() -> dev.check("http://127.0.0.1:8599/hook"));
        assertThrows(IllegalArgumentException.class, () -> new WebhookUrlPolicy(true, false).check("http://127.0.0.1/hook"));
        assertThrows(IllegalArgumentException.class, () -> new WebhookUrlPolicy(false, true).check("http://127.0.0.1/hook"));
    }

    @Test
    void theTargetIsTheAddressThatWasCheckedResolvedOnce() throws UnknownHostException {
        AtomicInteger lookups = new AtomicInteger();
        InetAddress publicAddress = InetAddress.getByName("93.184.216.34");
        InetAddress internal = InetAddress.getByName("169.254.169.254");
        // A rebinding DNS: public on the first answer, internal afterwards.
        WebhookUrlPolicy policy = new WebhookUrlPolicy(false, false,
                host -> new InetAddress[] {lookups.getAndIncrement() == 0 ? publicAddress : internal});

        WebhookUrlPolicy.Target target = policy.target("https://partner.example:8443/hooks/in?x=1");

        assertEquals(1, lookups.get(), "one lookup per attempt");
        assertEquals(publicAddress, target.address(), "the connection goes to the checked address");
        assertEquals("partner.example", target.host());
        assertEquals("partner.example:8443", target.hostHeader());
        assertEquals(8443, target.port());
        assertEquals("/hooks/in?x=1", target.requestTarget());
        // The next attempt looks again and is refused.
        assertThrows(IllegalArgumentException.class, () -> policy.target("https://partner.example:8443/hooks/in"));
    }

    @Test
    void everyResolvedAddressMustBePublic() throws UnknownHostException {
        InetAddress[] mixed = {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1")};
        WebhookUrlPolicy policy = new WebhookUrlPolicy(false, false, host -> mixed);
        assertThrows(IllegalArgumentException.class, () -> policy.target("https://partner.example/hook"));
    }

    @Test
    void aHostThatDoesNotResolveIsReportedAsSuch() {
        WebhookUrlPolicy policy = new WebhookUrlPolicy(false, false, host -> {
            throw new UnknownHostException(host);
        });
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> policy.target("https://partner.example/hook"));
        assertInstanceOf(WebhookUrlPolicy.UnresolvedHostException.class, refused);
        // With private networks allowed (development) the host is still resolved once and pinned.
        WebhookUrlPolicy dev = new WebhookUrlPolicy(true, true, host -> {
            throw new UnknownHostException(host);
        });
        assertThrows(WebhookUrlPolicy.UnresolvedHostException.class, () -> dev.target("http://partner.example/hook"));
    }

    @Test
    void defaultPortsAndBracketedIpv6Hosts() {
        WebhookUrlPolicy dev = new WebhookUrlPolicy(true, true);
        WebhookUrlPolicy.Target v6 = dev.target("https://[::1]/hook");
        assertEquals("::1", v6.host());
        assertEquals("[::1]", v6.hostHeader());
        assertEquals(443, v6.port());
        assertEquals(80, dev.target("http://127.0.0.1").port());
        assertEquals("/", dev.target("http://127.0.0.1").requestTarget());
    }
}
