package io.berth.runtime.network;

import io.berth.runtime.NetworkSpec;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Decides a new network's subnet, range, gateway and bridge name from its spec. Pure. */
final class NetworkPlanner {
    private NetworkPlanner() {
    }

    static NetworkRecord plan(NetworkSpec spec, Collection<Ipv4Subnet> taken, SubnetPool pool, String id,
                              Instant now) {
        String attempt = "create network " + spec.name();
        Ipv4Subnet subnet;
        if (spec.subnet() != null && !spec.subnet().isBlank()) {
            subnet = parse(attempt, "subnet", spec.subnet());
            for (Ipv4Subnet used : taken) {
                if (used.overlaps(subnet)) {
                    throw new RuntimeOperationException(Kind.CONFLICT, attempt + ": subnet " + subnet
                            + " overlaps " + used + ", already in use on this host");
                }
            }
        } else {
            subnet = pool.firstFree(taken).orElseThrow(() -> new RuntimeOperationException(Kind.CONFLICT,
                    attempt + ": no free subnet left in the pool " + pool.ranges()
                            + " (set " + NetworkManager.POOL_ENV + " or give ipam.config.subnet)"));
        }
        if (subnet.prefixLength() > 30) {
            throw new RuntimeOperationException(Kind.INVALID, attempt + ": subnet " + subnet + " is too small");
        }
        Ipv4Subnet range = subnet;
        if (spec.ipRange() != null && !spec.ipRange().isBlank()) {
            range = parse(attempt, "ip_range", spec.ipRange());
            if (!subnet.overlaps(range) || range.prefixLength() < subnet.prefixLength()) {
                throw new RuntimeOperationException(Kind.INVALID, attempt + ": ip_range " + range
                        + " is not inside subnet " + subnet);
            }
        }
        Ipv4Address gateway = subnet.host(1);
        if (spec.gateway() != null && !spec.gateway().isBlank()) {
            try {
                gateway = Ipv4Address.parse(spec.gateway());
            } catch (IllegalArgumentException e) {
                throw new RuntimeOperationException(Kind.INVALID, attempt + ": gateway: " + e.getMessage());
            }
            if (!subnet.contains(gateway) || gateway.equals(subnet.network()) || gateway.equals(subnet.broadcast())) {
                throw new RuntimeOperationException(Kind.INVALID, attempt + ": gateway " + gateway
                        + " is not a host address of subnet " + subnet);
            }
        }
        return new NetworkRecord(id, spec.name(), spec.driver(), "bt-" + id.substring(0, 12), subnet.toString(),
                range.toString(), gateway.toString(), spec.internal(), spec.labels(), spec.driverOptions(),
                now.toString(), Map.of());
    }

    private static Ipv4Subnet parse(String attempt, String field, String text) {
        try {
            return Ipv4Subnet.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RuntimeOperationException(Kind.INVALID, attempt + ": " + field + ": " + e.getMessage());
        }
    }
}
