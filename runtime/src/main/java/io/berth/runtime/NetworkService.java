package io.berth.runtime;

import io.berth.runtime.network.NetworkManager;
import io.berth.runtime.network.NetworkRecord;
import io.berth.runtime.network.PortPublisher;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Networks on this host (bridges, subnets, their state files under {@code <stateRoot>/networks}),
 * run in the caller's process: the network code keeps its own file locks, so the CLI and the
 * supervisor use it side by side on one state root, as {@link ImageService} for images.
 */
public final class NetworkService {
    private final NetworkManager manager;

    private NetworkService(NetworkManager manager) {
        this.manager = manager;
    }

    /** The networks of a state root; {@code environment} may set the subnet pool (BERTH_SUBNET_POOL). */
    public static NetworkService open(RuntimeConfig config, Map<String, String> environment) {
        return new NetworkService(NetworkManager.forConfig(config, environment));
    }

    public NetworkInfo create(NetworkSpec spec) {
        return manager.create(spec);
    }

    /** Removes a network; without {@code force}, one that containers still use is refused. */
    public void remove(String name, boolean force) {
        manager.remove(name, force);
    }

    public Optional<NetworkInfo> inspect(String name) {
        return manager.inspect(name);
    }

    public List<NetworkInfo> list(Map<String, String> labelFilter) {
        return manager.list(labelFilter == null ? Map.of() : labelFilter);
    }

    /** All a network's state file says, for {@code network inspect}. */
    public Optional<NetworkDetails> details(String name) {
        return manager.store().find(name).map(NetworkService::details);
    }

    /** See {@link ContainerRuntime#checkPorts}. */
    public static void checkPorts(List<PortClaim> claims, Set<ContainerId> leaving) {
        PortPublisher.checkClaims(claims, leaving);
    }

    private static NetworkDetails details(NetworkRecord record) {
        Map<String, NetworkDetails.Endpoint> endpoints = new java.util.TreeMap<>();
        record.endpoints().forEach((id, endpoint) -> endpoints.put(id,
                new NetworkDetails.Endpoint(endpoint.containerName(), endpoint.address())));
        return new NetworkDetails(record.id(), record.name(), record.driver(), record.bridge(), record.subnet(),
                record.subnetPrefix().prefixLength(), record.ipRange(), record.gateway(), record.internal(),
                record.labels(), record.driverOptions(), record.createdAt(), endpoints);
    }
}
