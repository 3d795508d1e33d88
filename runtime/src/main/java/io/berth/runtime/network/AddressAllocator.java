package io.berth.runtime.network;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses a container's address on a network: the lowest address of the range that is not the
 * subnet's network or broadcast address, not the gateway and not taken. Pure.
 */
public final class AddressAllocator {
    private AddressAllocator() {
    }

    public static Optional<Ipv4Address> next(Ipv4Subnet subnet, Ipv4Subnet range, Ipv4Address gateway,
                                             Collection<Ipv4Address> taken) {
        Set<Ipv4Address> used = new HashSet<>(taken);
        used.add(gateway);
        for (long offset = 0; offset < range.size(); offset++) {
            Ipv4Address candidate = range.host(offset);
            if (!subnet.contains(candidate) || candidate.equals(subnet.network())
                    || (subnet.prefixLength() < 31 && candidate.equals(subnet.broadcast()))) {
                continue;
            }
            if (!used.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Why {@code requested} cannot be a container's fixed address, or empty when it can. */
    public static Optional<String> checkFixed(Ipv4Subnet subnet, Ipv4Address gateway, Ipv4Address requested,
                                              Collection<Ipv4Address> taken) {
        if (!subnet.contains(requested)) {
            return Optional.of(requested + " is not in the network's subnet " + subnet);
        }
        if (requested.equals(subnet.network()) || requested.equals(subnet.broadcast())) {
            return Optional.of(requested + " is the network or broadcast address of " + subnet);
        }
        if (requested.equals(gateway)) {
            return Optional.of(requested + " is the network's gateway");
        }
        if (taken.contains(requested)) {
            return Optional.of(requested + " is already in use on the network");
        }
        return Optional.empty();
    }
}
