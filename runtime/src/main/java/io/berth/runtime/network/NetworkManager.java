package io.berth.runtime.network;

import io.berth.runtime.ContainerId;
import io.berth.runtime.NetworkAttachment;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.NetworkSpec;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.state.StateLock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bridge networks and container attachments on this host: the one entry point the runtime uses.
 *
 * <p>A network is a Linux bridge {@code bt-<id12>} with the gateway address, its netfilter rules
 * (see {@link NetworkFirewall}) and a state file (see {@link NetworkStore}) holding its subnet and
 * every container's address. Set-up uses iproute2 ({@code ip -batch -}) and
 * {@code iptables-restore --noflush -w}: pragmatic, well tested, and one process per step.
 *
 * <p>Container life cycle, as the supervisor calls it:
 * <ol>
 *   <li>{@link #attach} before the container starts: makes the named netns
 *       {@code /run/netns/berth-<id12>}, one veth per network (eth0, eth1, ... in attachment
 *       order), addresses, default route, loopback up. Pass the returned
 *       {@link ContainerNetwork#netnsPath()} as {@code LaunchRequest.netns}.</li>
 *   <li>{@link PortPublisher#publish} for its published ports, after attach.</li>
 *   <li>{@link #detach} after it stopped: removes the netns and veths; the addresses stay
 *       reserved for the container's next start.</li>
 *   <li>{@link #release} when the container is removed: forgets its addresses.</li>
 * </ol>
 * Methods are safe from several threads and processes on one state root.
 */
public final class NetworkManager {
    /** Environment variable with the subnet pool, in {@link SubnetPool#parse} form. */
    public static final String POOL_ENV = "BERTH_SUBNET_POOL";

    /** Host-wide: choosing subnets and changing netfilter rules, whatever the state root. */
    public static final Path HOST_LOCK = Path.of("/run/lock/berth-network.lock");

    private final NetworkStore store;
    private final SubnetPool pool;
    private final ContainerAttachments attachments;

    public NetworkManager(Path stateRoot, SubnetPool pool) {
        this.store = new NetworkStore(stateRoot);
        this.pool = pool;
        this.attachments = new ContainerAttachments(store, this::ensureUp);
    }

    /** The state root of {@code config}, and the pool from {@code BERTH_SUBNET_POOL} or Docker's default. */
    public static NetworkManager forConfig(RuntimeConfig config, Map<String, String> environment) {
        String poolText = environment.get(POOL_ENV);
        SubnetPool pool = poolText == null || poolText.isBlank() ? SubnetPool.dockerDefault() : SubnetPool.parse(poolText);
        return new NetworkManager(config.stateRoot(), pool);
    }

    public NetworkStore store() {
        return store;
    }

    /**
     * Creates the network: state file, bridge, rules. The subnet is {@code spec.subnet()} (then
     * {@code ipRange} and {@code gateway} from the spec too) or the pool's first subnet that
     * overlaps no host route, host address or other Berth network. CONFLICT when the name exists.
     */
    public NetworkInfo create(NetworkSpec spec) {
        NetworkStore.validateName(spec.name());
        if (!"bridge".equals(spec.driver())) {
            throw new RuntimeOperationException(Kind.INVALID, "create network " + spec.name()
                    + ": driver \"" + spec.driver() + "\" is not supported (only \"bridge\")");
        }
        NetworkRecord record = StateLock.with(NetworkManager.HOST_LOCK, () -> store.locked(() -> {
            if (store.find(spec.name()).isPresent()) {
                throw new RuntimeOperationException(Kind.CONFLICT, "create network " + spec.name() + ": it already exists");
            }
            List<Ipv4Subnet> taken = new ArrayList<>(HostAddressing.usedPrefixes());
            store.list().forEach(other -> taken.add(other.subnetPrefix()));
            NetworkRecord planned = NetworkPlanner.plan(spec, taken, pool, ContainerId.random().value(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
            store.save(planned);
            try {
                bringUp(planned);
            } catch (RuntimeException e) {
                tearDown(planned);
                store.delete(planned.name());
                throw e;
            }
            return planned;
        }));
        return record.toInfo();
    }

    /**
     * Makes sure the network's bridge exists, recreating it and its rules when it does not (after a
     * reboot). Checks only the bridge (a sysfs lookup), so attaching stays cheap; after something
     * else flushed the host's iptables, call {@link #repair}.
     */
    public void ensureUp(String name) {
        NetworkRecord record = store.get(name);
        if (!BridgeLinks.exists(record.bridge())) {
            StateLock.run(NetworkManager.HOST_LOCK, () -> bringUp(record));
        }
    }

    /** Recreates a network's bridge and rules if either is missing (published-port rules are not restored). */
    public void repair(String name) {
        NetworkRecord record = store.get(name);
        if (!BridgeLinks.exists(record.bridge()) || !NetworkFirewall.isInstalled(record)) {
            StateLock.run(NetworkManager.HOST_LOCK, () -> bringUp(record));
        }
    }

    private void bringUp(NetworkRecord record) {
        if (!BridgeLinks.exists(record.bridge())) {
            BridgeLinks.create(record);
        }
        NetworkFirewall.install(record);
    }

    private static void tearDown(NetworkRecord record) {
        NetworkFirewall.remove(record);
        BridgeLinks.delete(record.bridge());
    }

    /**
     * Removes the bridge, its rules and its state. CONFLICT while containers are attached
     * (their addresses are reserved until {@link #release}), unless {@code force}, which also
     * deletes their veths on this network.
     */
    public void remove(String name, boolean force) {
        StateLock.with(NetworkManager.HOST_LOCK, () -> store.locked(() -> {
            NetworkRecord record = store.get(name);
            if (!record.endpoints().isEmpty() && !force) {
                throw new RuntimeOperationException(Kind.CONFLICT, "remove network " + name
                        + ": still in use by " + String.join(", ", record.endpoints().values().stream()
                        .map(NetworkRecord.Endpoint::containerName).sorted().toList()));
            }
            // Forced: the containers' veths on this bridge would outlive it, detached; remove them.
            record.endpoints().values().forEach(endpoint -> BridgeLinks.delete(endpoint.hostInterface()));
            tearDown(record);
            store.delete(name);
            return null;
        }));
    }

    public Optional<NetworkInfo> inspect(String name) {
        return store.find(name).map(NetworkRecord::toInfo);
    }

    /** Networks whose labels contain every entry of {@code labelFilter}, sorted by name. */
    public List<NetworkInfo> list(Map<String, String> labelFilter) {
        return store.list().stream()
                .filter(record -> record.labels().entrySet().containsAll(labelFilter.entrySet()))
                .map(NetworkRecord::toInfo).toList();
    }

    /**
     * Prepares the container's network namespace before it starts. {@code Bridge}: a veth per
     * attachment; {@code None}: loopback only; {@code Host}: the host's namespace. For
     * {@code Container(x)} use {@link #sharedWith} with x's id instead.
     */
    public ContainerNetwork attach(ContainerId containerId, String containerName, NetworkMode mode,
                                   List<NetworkAttachment> networks) {
        return attachments.attach(containerId, containerName, mode, networks);
    }

    /**
     * {@link #attach} in two halves, so that the container's first process can start meanwhile:
     * the addresses are reserved here; {@link #connect} names that process's new namespace and
     * makes the links.
     */
    public ContainerNetwork prepare(ContainerId containerId, String containerName, NetworkMode mode,
                                    List<NetworkAttachment> networks) {
        return attachments.prepare(containerId, containerName, mode, networks);
    }

    /** Names the namespace of {@code pid} (which runs in a new one) and joins it to its networks. */
    public void connect(ContainerNetwork network, long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("connect needs the PID of a process in a new network namespace");
        }
        attachments.connect(network, pid);
    }

    /** {@code network_mode: service:x / container:x}: the namespace of the running container x. */
    public ContainerNetwork sharedWith(ContainerId containerId, ContainerId target) {
        return new ContainerNetwork(containerId, netnsPath(target), false, List.of());
    }

    /** Removes the container's namespace and veths (after it stopped). Addresses stay reserved. */
    public void detach(ContainerId containerId) {
        attachments.detach(containerId);
    }

    /** Forgets the container's addresses on every network (when it is removed). */
    public void release(ContainerId containerId) {
        attachments.release(containerId);
    }

    /**
     * Crash recovery, for the supervisor when it starts: containers that no longer exist lose their
     * addresses, veths, netns and published ports; containers that exist but do not run lose their
     * netns, veths and ports (addresses stay reserved). Namespaces of containers this state root
     * does not know are left alone (they may be another state root's).
     */
    public void sweep(java.util.Set<ContainerId> existing, java.util.Set<ContainerId> running) {
        java.util.Set<ContainerId> known = new java.util.TreeSet<>(java.util.Comparator.comparing(ContainerId::value));
        store.list().forEach(network -> network.endpoints().keySet().forEach(id -> known.add(new ContainerId(id))));
        known.addAll(existing);
        for (ContainerId id : known) {
            if (!running.contains(id)) {
                PortPublisher.unpublish(id);
                detach(id);
            }
            if (!existing.contains(id)) {
                release(id);
            }
        }
    }

    /** Where a container's own network namespace is mounted: {@code /run/netns/berth-<id12>}. */
    public static Path netnsPath(ContainerId containerId) {
        return ContainerAttachments.NETNS_DIR.resolve(ContainerAttachments.netnsName(containerId));
    }
}
