package io.berth.runtime.network;

import io.berth.runtime.ContainerId;
import io.berth.runtime.NetworkAttachment;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A container's side of the networks: its named netns, its veth pairs and its reserved addresses.
 * Two {@code ip} processes per container: one {@code ip -batch -} on the host (netns, veths,
 * bridge ports) and one {@code ip -n <netns> -batch -} inside (addresses, routes, loopback).
 */
final class ContainerAttachments {
    static final Path NETNS_DIR = Path.of("/run/netns");

    private final NetworkStore store;
    private final Consumer<String> ensureUp;

    ContainerAttachments(NetworkStore store, Consumer<String> ensureUp) {
        this.store = store;
        this.ensureUp = ensureUp;
    }

    static String netnsName(ContainerId containerId) {
        return "berth-" + containerId.shortId();
    }

    /** The host end of the container's veth on a network: "vb" + 11 hex digits (13 characters). */
    static String hostInterfaceName(ContainerId containerId, String networkId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((containerId.value() + "/" + networkId).getBytes(StandardCharsets.UTF_8));
            return "vb" + HexFormat.of().formatHex(hash).substring(0, 11);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Docker's MAC scheme: 02:42 and the four address bytes, stable for a given address. */
    static String macFor(Ipv4Address address) {
        int bits = address.bits();
        return String.format("02:42:%02x:%02x:%02x:%02x", bits >>> 24, (bits >>> 16) & 0xff, (bits >>> 8) & 0xff, bits & 0xff);
    }

    ContainerNetwork attach(ContainerId containerId, String containerName, NetworkMode mode,
                            List<NetworkAttachment> networks) {
        ContainerNetwork network = prepare(containerId, containerName, mode, networks);
        if (network.ownsNamespace()) {
            connect(network, 0);
        }
        return network;
    }

    /**
     * The first half of {@link #attach}: addresses reserved, nothing made yet; {@link #connect}
     * makes the namespace and its links.
     */
    ContainerNetwork prepare(ContainerId containerId, String containerName, NetworkMode mode,
                             List<NetworkAttachment> networks) {
        if (mode instanceof NetworkMode.Host) {
            return new ContainerNetwork(containerId, io.berth.runtime.container.LaunchRequest.HOST_NETNS, false, List.of());
        }
        if (mode instanceof NetworkMode.Container container) {
            throw new RuntimeOperationException(Kind.INVALID, "attach container " + containerName
                    + ": network_mode container:" + container.containerName()
                    + " joins that container's namespace; use NetworkManager.sharedWith");
        }
        List<NetworkAttachment> bridged = mode instanceof NetworkMode.Bridge ? networks : List.of();
        bridged.forEach(attachment -> ensureUp.accept(attachment.network()));
        List<ContainerNetwork.Interface> interfaces = reserveAddresses(containerId, containerName, bridged);
        detach(containerId);
        return new ContainerNetwork(containerId, NETNS_DIR.resolve(netnsName(containerId)), true, interfaces);
    }

    /**
     * The second half: names the namespace and makes its links.
     *
     * @param pid 0 for a new namespace; else a process that runs in a new namespace of its own
     *            (the container's init stage), whose namespace gets the name
     */
    void connect(ContainerNetwork network, long pid) {
        try {
            createLinks(network.containerId(), network.interfaces(), pid);
        } catch (RuntimeException e) {
            try {
                detach(network.containerId());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private List<ContainerNetwork.Interface> reserveAddresses(ContainerId containerId, String containerName,
                                                               List<NetworkAttachment> attachments) {
        return store.locked(() -> {
            List<ContainerNetwork.Interface> interfaces = new ArrayList<>();
            for (NetworkAttachment attachment : attachments) {
                NetworkRecord network = store.get(attachment.network());
                Ipv4Address address = chooseAddress(network, containerId, containerName, attachment);
                String hostInterface = hostInterfaceName(containerId, network.id());
                Map<String, NetworkRecord.Endpoint> endpoints = new HashMap<>(network.endpoints());
                endpoints.put(containerId.value(), new NetworkRecord.Endpoint(containerName, address.toString(), hostInterface));
                store.save(network.withEndpoints(endpoints));
                String mac = attachment.macAddress() != null && !attachment.macAddress().isBlank()
                        ? attachment.macAddress() : macFor(address);
                interfaces.add(new ContainerNetwork.Interface("eth" + interfaces.size(), network.name(), network.bridge(),
                        address.toString(), network.subnetPrefix().prefixLength(),
                        network.internal() ? null : network.gateway(), network.internal(), mac, hostInterface));
            }
            return interfaces;
        });
    }

    private static Ipv4Address chooseAddress(NetworkRecord network, ContainerId containerId, String containerName,
                                             NetworkAttachment attachment) {
        List<Ipv4Address> taken = network.endpoints().entrySet().stream()
                .filter(entry -> !entry.getKey().equals(containerId.value()))
                .map(entry -> Ipv4Address.parse(entry.getValue().address())).toList();
        String attempt = "attach container " + containerName + " to network " + network.name();
        if (attachment.ipv4Address() != null && !attachment.ipv4Address().isBlank()) {
            Ipv4Address requested;
            try {
                requested = Ipv4Address.parse(attachment.ipv4Address());
            } catch (IllegalArgumentException e) {
                throw new RuntimeOperationException(Kind.INVALID, attempt + ": ipv4_address: " + e.getMessage());
            }
            AddressAllocator.checkFixed(network.subnetPrefix(), network.gatewayAddress(), requested, taken)
                    .ifPresent(problem -> {
                        throw new RuntimeOperationException(Kind.CONFLICT, attempt + ": " + problem);
                    });
            return requested;
        }
        NetworkRecord.Endpoint previous = network.endpoints().get(containerId.value());
        if (previous != null) {
            return Ipv4Address.parse(previous.address());
        }
        return AddressAllocator.next(network.subnetPrefix(), Ipv4Subnet.parse(network.ipRange()),
                network.gatewayAddress(), taken).orElseThrow(() -> new RuntimeOperationException(Kind.CONFLICT,
                attempt + ": no free address left in " + network.ipRange()));
    }

    private static void createLinks(ContainerId containerId, List<ContainerNetwork.Interface> interfaces, long pid) {
        String netns = netnsName(containerId);
        StringBuilder host = new StringBuilder(pid > 0 ? "netns attach " + netns + " " + pid + "\n"
                : "netns add " + netns + "\n");
        StringBuilder inside = new StringBuilder("link set lo up\n");
        String defaultGateway = null;
        for (ContainerNetwork.Interface link : interfaces) {
            host.append("link add ").append(link.hostInterface()).append(" type veth peer name ")
                    .append(link.name()).append(" netns ").append(netns).append('\n')
                    .append("link set ").append(link.hostInterface()).append(" master ").append(link.bridge()).append(" up\n")
                    // With br_netfilter, a container reaching its own published port through a host
                    // address is DNATed back out of the port it came in by: needs hairpin (Docker does the same).
                    .append("link set ").append(link.hostInterface()).append(" type bridge_slave hairpin on\n");
            inside.append("link set ").append(link.name()).append(" address ").append(link.macAddress()).append('\n')
                    .append("addr add ").append(link.address()).append('/').append(link.prefixLength())
                    .append(" dev ").append(link.name()).append('\n')
                    .append("link set ").append(link.name()).append(" up\n");
            if (defaultGateway == null && link.gateway() != null) {
                defaultGateway = link.gateway();
            }
        }
        if (defaultGateway != null) {
            inside.append("route add default via ").append(defaultGateway).append('\n');
        }
        String attempt = "set up the network of container " + containerId.shortId();
        HostCommand.run(attempt, List.of("ip", "-batch", "-"), host.toString());
        HostCommand.run(attempt, List.of("ip", "-n", netns, "-batch", "-"), inside.toString());
    }

    /**
     * Deletes the container's veths and its netns in one {@code ip -force -batch -} (each process
     * costs 5-20 ms, and this runs at every exit); whatever that left is deleted one by one, so a
     * failure is reported as before.
     */
    void detach(ContainerId containerId) {
        List<String> veths = new ArrayList<>();
        for (NetworkRecord network : store.list()) {
            NetworkRecord.Endpoint endpoint = network.endpoints().get(containerId.value());
            if (endpoint != null && BridgeLinks.isOurs(endpoint.hostInterface())
                    && BridgeLinks.exists(endpoint.hostInterface())) {
                veths.add(endpoint.hostInterface());
            }
        }
        String netns = netnsName(containerId);
        boolean hasNetns = Files.exists(NETNS_DIR.resolve(netns));
        if (veths.isEmpty() && !hasNetns) {
            return;
        }
        StringBuilder batch = new StringBuilder();
        veths.forEach(veth -> batch.append("link del ").append(veth).append('\n'));
        if (hasNetns) {
            batch.append("netns delete ").append(netns).append('\n');
        }
        HostCommand.runForResult("remove the network of container " + containerId.shortId(),
                List.of("ip", "-force", "-batch", "-"), batch.toString());
        veths.forEach(BridgeLinks::delete);
        if (Files.exists(NETNS_DIR.resolve(netns))) {
            HostCommand.run("remove the network namespace of container " + containerId.shortId(),
                    List.of("ip", "netns", "delete", netns), null);
        }
    }

    void release(ContainerId containerId) {
        store.locked(() -> {
            for (NetworkRecord network : store.list()) {
                if (network.endpoints().containsKey(containerId.value())) {
                    Map<String, NetworkRecord.Endpoint> endpoints = new HashMap<>(network.endpoints());
                    endpoints.remove(containerId.value());
                    store.save(network.withEndpoints(endpoints));
                }
            }
            return null;
        });
    }
}
