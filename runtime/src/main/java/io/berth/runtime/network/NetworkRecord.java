package io.berth.runtime.network;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.berth.runtime.ContainerId;
import io.berth.runtime.NetworkInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A network as persisted under {@code stateRoot/networks/<name>.json}: what is needed to rebuild
 * its bridge and rules after a reboot, and the address of every container attached to it, so a
 * container keeps its address across restarts until it is removed.
 *
 * @param bridge     the Linux bridge, {@code bt-} + 12 hex digits of the id (15 characters)
 * @param ipRange    where container addresses are taken from (the subnet when not given)
 * @param endpoints  container id (64 hex) to its endpoint on this network
 */
public record NetworkRecord(String id, String name, String driver, String bridge, String subnet,
                            String ipRange, String gateway, boolean internal,
                            Map<String, String> labels, Map<String, String> driverOptions,
                            String createdAt, Map<String, Endpoint> endpoints) {

    /** One container on the network: its address and the host side of its veth pair. */
    public record Endpoint(String containerName, String address, String hostInterface) {
    }

    public NetworkRecord {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        driverOptions = driverOptions == null ? Map.of() : Map.copyOf(driverOptions);
        endpoints = endpoints == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(endpoints));
    }

    @JsonIgnore
    public Ipv4Subnet subnetPrefix() {
        return Ipv4Subnet.parse(subnet);
    }

    @JsonIgnore
    public Ipv4Address gatewayAddress() {
        return Ipv4Address.parse(gateway);
    }

    public NetworkRecord withEndpoints(Map<String, Endpoint> newEndpoints) {
        return new NetworkRecord(id, name, driver, bridge, subnet, ipRange, gateway, internal, labels,
                driverOptions, createdAt, newEndpoints);
    }

    public NetworkInfo toInfo() {
        List<ContainerId> containers = endpoints.keySet().stream().map(ContainerId::new).toList();
        return new NetworkInfo(id, name, driver, bridge, subnet, gateway, internal, labels,
                Instant.parse(createdAt), containers);
    }
}
