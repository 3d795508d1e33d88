package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.PortBinding;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.network.ContainerNetwork;
import io.berth.runtime.network.NetworkManager;
import io.berth.runtime.network.PortPublisher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Networking through the network module's {@link NetworkManager} and {@link PortPublisher}. */
public final class NetworkManagerAccess implements NetworkAccess {
    private final NetworkManager networks;

    public NetworkManagerAccess(RuntimeConfig config) {
        this.networks = NetworkManager.forConfig(config, System.getenv());
    }

    @Override
    public Attached attach(ContainerId id, String name, ContainerSpec spec, ContainerId sharedWith) {
        ContainerNetwork network = spec.networkMode() instanceof NetworkMode.Container && sharedWith != null
                ? networks.sharedWith(id, sharedWith)
                : networks.attach(id, name, spec.networkMode(), spec.networks());
        Map<String, String> addresses = new LinkedHashMap<>();
        for (ContainerNetwork.Interface link : network.interfaces()) {
            addresses.put(link.network(), link.address());
        }
        List<PortBinding> ports;
        try {
            ports = PortPublisher.publish(serviceName(spec, name), network, spec.ports());
        } catch (RuntimeException e) {
            networks.detach(id);
            throw e;
        }
        return new Attached(network.netnsPath(), addresses, ports, List.of());
    }

    @Override
    public void detach(ContainerId id, String name, ContainerSpec spec) {
        PortPublisher.unpublish(id);
        networks.detach(id);
    }

    @Override
    public void release(ContainerId id) {
        networks.release(id);
    }

    private static String serviceName(ContainerSpec spec, String containerName) {
        return spec.labels().getOrDefault("com.docker.compose.service", containerName);
    }
}
