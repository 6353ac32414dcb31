package io.tocsin.notify.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Refuses webhook targets inside our own network (SSRF): loopback, private, link-local (cloud metadata),
 * unique-local, carrier-grade NAT, unspecified and multicast addresses, unless an administrator allowed the target.
 * Every address the name resolves to must pass; the caller then connects to exactly these addresses (pinned), so a
 * second DNS answer cannot swap in an internal one.
 */
public final class WebhookTargetGuard {

    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A checked target: the URL and the addresses to connect to. */
    public record Target(URI uri, String host, int port, List<InetAddress> addresses) {
    }

    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final Resolver resolver;

    public WebhookTargetGuard(Resolver resolver) {
        this.resolver = resolver;
    }

    public static WebhookTargetGuard system() {
        return new WebhookTargetGuard(InetAddress::getAllByName);
    }

    /** Parses and checks a URL; throws {@link Refused} with a reason people can act on. */
    public Target check(String url, boolean privateAllowed) {
        URI uri = parse(url);
        String host = bare(uri.getHost());
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused("host '" + host + "' does not resolve");
        }
        if (addresses.length == 0) {
            throw new Refused("host '" + host + "' does not resolve");
        }
        if (!privateAllowed) {
            for (var address : addresses) {
                if (internal(address)) {
                    throw new Refused("'" + host + "' resolves to " + address.getHostAddress()
                            + ", a private, loopback or link-local address; an administrator must allow such a target");
                }
            }
        }
        return new Target(uri, host, port, List.of(addresses));
    }

    /** An IPv6 literal without its URL brackets. */
    public static String bare(String host) {
        return host != null && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    public static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new Refused("a URL is required");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused("the URL needs a host");
        }
        if (uri.getUserInfo() != null) {
            throw new Refused("credentials in the URL are not allowed");
        }
        return uri;
    }

    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) { // unique local fc00::/7
                return true;
            }
            boolean mapped = true; // ::ffff:a.b.c.d that the JDK did not already turn into an Inet4Address
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
