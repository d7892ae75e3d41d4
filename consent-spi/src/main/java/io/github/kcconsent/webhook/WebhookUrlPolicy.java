package io.github.kcconsent.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import io.github.kcconsent.clientsettings.WebhookUrlForm;

/**
 * Decides whether the dispatcher may call a webhook URL: the form the client settings accept when the URL is
 * saved ({@link WebhookUrlForm}: {@code https} only unless {@code allow-http}, no credentials in the URL), and
 * every address the host resolves to public ({@link BlockedAddresses}: no loopback, link-local such as the
 * cloud metadata service 169.254.169.254, private, unique-local, NAT64, 6to4, reserved or wildcard addresses)
 * unless {@code allow-private-networks}.
 *
 * <p>{@link #target} resolves the host once per attempt, checks every address and returns the one to connect
 * to, so the sender connects to exactly the address that was checked: a second lookup (DNS rebinding) cannot
 * swap in an internal address between the check and the connection.
 */
public final class WebhookUrlPolicy {

    /** Host name lookup; a seam for tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Where to deliver: the URL as configured and the checked address to connect to. */
    record Target(URI uri, InetAddress address) {

        /** The host without IPv6 brackets, for TLS (SNI and certificate check). */
        String host() {
            String host = uri.getHost();
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        }

        boolean https() {
            return "https".equalsIgnoreCase(uri.getScheme());
        }

        int port() {
            return uri.getPort() != -1 ? uri.getPort() : https() ? 443 : 80;
        }

        /** The Host header: the original host, with the port when it is not the scheme's default. */
        String hostHeader() {
            return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        }

        /** The request target: path and query as configured. */
        String requestTarget() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    /** The host did not resolve: usually transient, so the dispatcher retries. */
    static final class UnresolvedHostException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnresolvedHostException() {
            super("the host does not resolve");
        }
    }

    private final boolean allowHttp;
    private final boolean allowPrivateNetworks;
    private final Resolver resolver;

    public WebhookUrlPolicy(boolean allowHttp, boolean allowPrivateNetworks) {
        this(allowHttp, allowPrivateNetworks, InetAddress::getAllByName);
    }

    WebhookUrlPolicy(boolean allowHttp, boolean allowPrivateNetworks, Resolver resolver) {
        this.allowHttp = allowHttp;
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    /**
     * Returns the URI when its form is allowed and, unless {@code allow-private-networks}, its host resolves to
     * public addresses only; throws {@link IllegalArgumentException} saying why not. For validating settings;
     * the dispatcher uses {@link #target}.
     */
    public URI check(String url) {
        URI uri = parse(url);
        if (!allowPrivateNetworks) {
            checkedAddress(uri);
        }
        return uri;
    }

    /** Resolves once, checks every address, and returns the URL with the address to connect to. */
    Target target(String url) {
        URI uri = parse(url);
        return new Target(uri, checkedAddress(uri));
    }

    private URI parse(String url) {
        return WebhookUrlForm.check(url, allowHttp);
    }

    private InetAddress checkedAddress(URI uri) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(new Target(uri, null).host());
        } catch (UnknownHostException e) {
            throw new UnresolvedHostException();
        }
        if (addresses == null || addresses.length == 0) {
            throw new UnresolvedHostException();
        }
        if (!allowPrivateNetworks) {
            // Every address, not just the first: a partner's name must not reach inside at all.
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw new IllegalArgumentException("the host resolves to a private, loopback or link-local address");
                }
            }
        }
        return addresses[0];
    }

    static boolean isInternal(InetAddress a) {
        return BlockedAddresses.isBlocked(a);
    }
}
