package io.berth.runtime.network;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where network subnets come from when a network names none: ranges cut into subnets of a fixed
 * size, tried in order. The default is Docker's: 172.17.0.0/16 .. 172.31.0.0/16, then
 * 192.168.0.0/16 in /20s. A subnet is free when it overlaps nothing in {@code taken} (host routes,
 * host addresses and other Berth networks).
 */
public record SubnetPool(List<Range> ranges) {

    /** A base range and the prefix length of the subnets cut from it. */
    public record Range(Ipv4Subnet base, int subnetPrefixLength) {
        public Range {
            if (subnetPrefixLength < base.prefixLength() || subnetPrefixLength > 30) {
                throw new IllegalArgumentException("subnet size /" + subnetPrefixLength
                        + " does not fit in " + base);
            }
        }
    }

    public SubnetPool {
        ranges = List.copyOf(ranges);
    }

    public static SubnetPool dockerDefault() {
        return new SubnetPool(List.of(
                new Range(Ipv4Subnet.parse("172.17.0.0/16"), 16),
                new Range(Ipv4Subnet.parse("172.18.0.0/15"), 16),
                new Range(Ipv4Subnet.parse("172.20.0.0/14"), 16),
                new Range(Ipv4Subnet.parse("172.24.0.0/13"), 16),
                new Range(Ipv4Subnet.parse("192.168.0.0/16"), 20)));
    }

    /**
     * Parses "172.17.0.0/12:16,192.168.0.0/16:20" (base/len:size, comma separated), the form of
     * the BERTH_SUBNET_POOL environment variable.
     */
    public static SubnetPool parse(String text) {
        List<Range> ranges = java.util.Arrays.stream(text.split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> {
                    int colon = s.lastIndexOf(':');
                    if (colon < 0) {
                        throw new IllegalArgumentException("subnet pool entry needs base/len:size: " + s);
                    }
                    return new Range(Ipv4Subnet.parse(s.substring(0, colon)),
                            Integer.parseInt(s.substring(colon + 1).trim()));
                }).toList();
        return new SubnetPool(ranges);
    }

    public Optional<Ipv4Subnet> firstFree(Collection<Ipv4Subnet> taken) {
        for (Range range : ranges) {
            long step = 1L << (32 - range.subnetPrefixLength());
            for (long offset = 0; offset < range.base().size(); offset += step) {
                Ipv4Subnet candidate = new Ipv4Subnet(range.base().host(offset), range.subnetPrefixLength());
                if (taken.stream().noneMatch(candidate::overlaps)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
