package io.github.kcconsent.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Decides whether the dispatcher may call a webhook URL: {@code https} only (unless {@code allow-http}), no
 * credentials in the URL, and every address the host resolves to public (no loopback, link-local such as the
 * cloud metadata service 169.254.169.254, private, unique-local or wildcard addresses) unless
 * {@code allow-private-networks}. Checked before every attempt, since DNS can change.
 */
public final class WebhookUrlPolicy {

    private final boolean allowHttp;
    private final boolean allowPrivateNetworks;

    public WebhookUrlPolicy(boolean allowHttp, boolean allowPrivateNetworks) {
        this.allowHttp = allowHttp;
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    /** Returns the URI when allowed; throws {@link IllegalArgumentException} saying why not. */
    public URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new IllegalArgumentException("only https webhook URLs are allowed");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the URL needs a host and must carry no credentials or fragment");
        }
        if (!allowPrivateNetworks) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(uri.getHost());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("the host does not resolve");
            }
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw new IllegalArgumentException("the host resolves to a private, loopback or link-local address");
                }
            }
        }
        return uri;
    }

    static boolean isInternal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0);      // IETF protocol assignments
        }
        return (b[0] & 0xfe) == 0xfc; // IPv6 unique-local fc00::/7
    }
}
