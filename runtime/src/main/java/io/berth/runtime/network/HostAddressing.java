package io.berth.runtime.network;

import java.util.ArrayList;
import java.util.List;

/**
 * What the host's IPv4 configuration already uses, read from {@code ip -4 -o route} and
 * {@code ip -4 -o addr}: prefixes a new network must not overlap, and the host's own addresses.
 */
public final class HostAddressing {
    private HostAddressing() {
    }

    /** Every routed prefix (all tables but the default route) and every address's prefix. */
    public static List<Ipv4Subnet> usedPrefixes() {
        List<Ipv4Subnet> used = new ArrayList<>();
        used.addAll(parseRoutes(HostCommand.run("read host routes", List.of("ip", "-4", "-o", "route", "show", "table", "all"), null)));
        used.addAll(parseAddressPrefixes(HostCommand.run("read host addresses", List.of("ip", "-4", "-o", "addr", "show"), null)));
        return used;
    }

    /** The host's own IPv4 addresses (loopback included), in {@code ip addr} order. */
    public static List<Ipv4Address> hostAddresses() {
        return parseAddresses(HostCommand.run("read host addresses", List.of("ip", "-4", "-o", "addr", "show"), null));
    }

    /** Destinations of {@code ip -4 -o route} lines ("default" and "0.0.0.0/0" left out). */
    static List<Ipv4Subnet> parseRoutes(String output) {
        List<Ipv4Subnet> prefixes = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] words = line.trim().split("\\s+");
            int at = 0;
            if (words.length > 0 && List.of("local", "broadcast", "unicast", "blackhole", "unreachable",
                    "prohibit", "throw", "multicast", "anycast", "nat").contains(words[0])) {
                at = 1;
            }
            if (words.length <= at || words[at].equals("default") || words[at].isEmpty()) {
                continue;
            }
            try {
                Ipv4Subnet prefix = Ipv4Subnet.parse(words[at]);
                if (prefix.prefixLength() > 0) {
                    prefixes.add(prefix);
                }
            } catch (IllegalArgumentException notAnAddress) {
                // e.g. a route type this parser does not know; not a prefix to avoid.
            }
        }
        return prefixes;
    }

    /** Prefixes of {@code ip -4 -o addr} lines ("inet 192.0.2.2/24" gives 192.0.2.0/24). */
    static List<Ipv4Subnet> parseAddressPrefixes(String output) {
        List<Ipv4Subnet> prefixes = new ArrayList<>();
        for (String cidr : inetWords(output)) {
            prefixes.add(Ipv4Subnet.parse(cidr));
        }
        return prefixes;
    }

    static List<Ipv4Address> parseAddresses(String output) {
        List<Ipv4Address> addresses = new ArrayList<>();
        for (String cidr : inetWords(output)) {
            addresses.add(Ipv4Address.parse(cidr.contains("/") ? cidr.substring(0, cidr.indexOf('/')) : cidr));
        }
        return addresses;
    }

    private static List<String> inetWords(String output) {
        List<String> words = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            for (int i = 0; i + 1 < parts.length; i++) {
                if (parts[i].equals("inet")) {
                    words.add(parts[i + 1]);
                }
            }
        }
        return words;
    }
}
