package io.github.kcconsent.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Address ranges a webhook may never reach unless {@code allow-private-networks}: everything that is not a
 * public unicast address (RFC 6890 special-purpose registries), plus the translation prefixes that map onto
 * IPv4 (NAT64, 6to4, Teredo), since they can lead to internal IPv4 addresses through a gateway.
 */
final class BlockedAddresses {

    /** One range: the network's bytes and the prefix length. */
    record Cidr(String text, byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            try {
                // Only literals reach here, so no lookup happens.
                String literal = text.substring(0, slash);
                byte[] network = InetAddress.getByName(literal).getAddress();
                if (literal.contains(":") && network.length == 4) {
                    // Java turns an IPv4-mapped literal into its IPv4 address; the range itself is IPv6.
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    System.arraycopy(network, 0, mapped, 12, 4);
                    network = mapped;
                }
                return new Cidr(text, network, Integer.parseInt(text.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(text, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    static final List<Cidr> RANGES = List.of(
            // IPv4
            Cidr.parse("0.0.0.0/8"),          // "this network", includes the wildcard address
            Cidr.parse("10.0.0.0/8"),         // private
            Cidr.parse("100.64.0.0/10"),      // carrier-grade NAT
            Cidr.parse("127.0.0.0/8"),        // loopback
            Cidr.parse("169.254.0.0/16"),     // link-local, cloud metadata services (169.254.169.254)
            Cidr.parse("172.16.0.0/12"),      // private
            Cidr.parse("192.0.0.0/24"),       // IETF protocol assignments
            Cidr.parse("192.0.2.0/24"),       // documentation
            Cidr.parse("192.88.99.0/24"),     // 6to4 relay anycast
            Cidr.parse("192.168.0.0/16"),     // private
            Cidr.parse("198.18.0.0/15"),      // benchmarking
            Cidr.parse("198.51.100.0/24"),    // documentation
            Cidr.parse("203.0.113.0/24"),     // documentation
            Cidr.parse("224.0.0.0/4"),        // multicast
            Cidr.parse("240.0.0.0/4"),        // reserved, includes broadcast 255.255.255.255
            // IPv6
            Cidr.parse("::/96"),              // unspecified, loopback, IPv4-compatible
            Cidr.parse("::ffff:0:0/96"),      // IPv4-mapped
            Cidr.parse("64:ff9b::/96"),       // NAT64
            Cidr.parse("64:ff9b:1::/48"),     // local-use NAT64
            Cidr.parse("100::/64"),           // discard
            Cidr.parse("2001::/23"),          // IETF protocol assignments, includes Teredo 2001::/32
            Cidr.parse("2001:db8::/32"),      // documentation
            Cidr.parse("2002::/16"),          // 6to4
            Cidr.parse("fc00::/7"),           // unique-local
            Cidr.parse("fe80::/10"),          // link-local
            Cidr.parse("fec0::/10"),          // site-local (deprecated)
            Cidr.parse("ff00::/8"));          // multicast

    private BlockedAddresses() {
    }

    static boolean isBlocked(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Cidr range : RANGES) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }
}
