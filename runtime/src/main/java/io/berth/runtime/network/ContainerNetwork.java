package io.berth.runtime.network;

import io.berth.runtime.ContainerId;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's network as set up before it starts.
 *
 * @param netnsPath      what the init stage joins with setns ({@code LaunchRequest.netns}):
 *                       {@code /run/netns/berth-<id12>}, another container's, or
 *                       {@code LaunchRequest.HOST_NETNS} for {@code network_mode: host} (the
 *                       launcher stays in its own namespace)
 * @param ownsNamespace  true when the namespace is this container's own (and goes with it)
 * @param interfaces     eth0, eth1, ... in the order of the attachments; empty for none/host/shared
 */
public record ContainerNetwork(ContainerId containerId, Path netnsPath, boolean ownsNamespace,
                               List<Interface> interfaces) {

    public ContainerNetwork {
        interfaces = List.copyOf(interfaces);
    }

    /**
     * One veth pair: {@code name} inside the container, {@code hostInterface} on the bridge.
     * {@code gateway} is null when the network is internal (no default route through it).
     */
    public record Interface(String name, String network, String bridge, String address, int prefixLength,
                            String gateway, boolean internal, String macAddress, String hostInterface) {
    }

    /** The address others reach this container by on its first network; null without one. */
    public String primaryAddress() {
        return interfaces.isEmpty() ? null : interfaces.get(0).address();
    }
}
