package io.berth.runtime.image.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which registries are insecure, as Docker's daemon reads its {@code insecure-registries}:
 * {@code host[:port]} names (a bare host: every port of it) and CIDR ranges ({@code 10.0.0.0/8},
 * {@code fd00::/8}). A range covers a registry whose host is an address in it, or a name any of
 * whose resolved addresses is in it (a name that does not resolve is covered by no range).
 * Names are looked up only when there are ranges, and never under {@code .invalid}.
 */
final class InsecureRegistries {
    /** The addresses of a host name (the system's resolver: /etc/hosts, DNS). */
    interface Resolver {
        InetAddress[] resolve(String hostName) throws UnknownHostException;
    }

    static final Resolver SYSTEM = InetAddress::getAllByName;
    private final Set<String> names;
    private final List<AddressRange> ranges;
    private final Resolver resolver;

    private InsecureRegistries(Set<String> names, List<AddressRange> ranges, Resolver resolver) {
        this.names = names;
        this.ranges = ranges;
        this.resolver = resolver;
    }

    /** Reads the entries (lower case already); a malformed range is an IllegalArgumentException naming it. */
    static InsecureRegistries parse(Set<String> entries, Resolver resolver) {
        List<String> names = new ArrayList<>();
        List<AddressRange> ranges = new ArrayList<>();
        for (String entry : entries) {
            if (entry.contains("/")) {
                ranges.add(AddressRange.parse(entry));
            } else {
                names.add(entry);
            }
        }
        return new InsecureRegistries(Set.copyOf(names), List.copyOf(ranges), resolver);
    }

    /** Whether the registry at {@code hostPort} ("host", "host:port", "[v6]:port") is insecure. */
    boolean covers(String hostPort) {
        String name = hostPort.toLowerCase(Locale.ROOT);
        String host = hostOf(name);
        if (names.contains(name) || names.contains(host)) {
            return true;
        }
        if (ranges.isEmpty()) {
            return false;
        }
        for (InetAddress address : addressesOf(host)) {
            if (ranges.stream().anyMatch(range -> range.contains(address))) {
                return true;
            }
        }
        return false;
    }

    private InetAddress[] addressesOf(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress literal = AddressRange.literal(bare);
        if (literal != null) {
            return new InetAddress[] {literal};
        }
        if (bare.isEmpty() || bare.equals("invalid") || bare.endsWith(".invalid")) {
            return new InetAddress[0]; // RFC 6761: never looked up
        }
        try {
            return resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return new InetAddress[0]; // as Docker: a name it cannot resolve matches no range
        }
    }

    static String hostOf(String hostPort) {
        if (hostPort.startsWith("[")) {
            return hostPort.substring(0, hostPort.indexOf(']') + 1);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }
}
