package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.PortBinding;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.launch.NetworkAccess;
import io.berth.runtime.launch.NetworkModeRules;
import io.berth.runtime.network.ContainerNetwork;
import io.berth.runtime.network.NetworkManager;
import io.berth.runtime.network.PortPublisher;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.network.hosts.HostsFiles;
import io.berth.runtime.network.hosts.NameFiles;
import io.berth.runtime.network.hosts.PeerView;
import io.berth.runtime.network.hosts.PeerViews;
import io.berth.runtime.state.ContainerLayout;
import io.berth.runtime.state.ContainerRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Networking through the network module: {@link NetworkManager} (namespaces, veths, addresses),
 * {@link PortPublisher} (published ports) and the name files (/etc/hosts of every container).
 */
public final class NetworkManagerAccess implements NetworkAccess {
    private final NetworkManager networks;
    private final ContainerLayout layout;

    public NetworkManagerAccess(RuntimeConfig config) {
        this.networks = NetworkManager.forConfig(config, System.getenv());
        this.layout = new ContainerLayout(config);
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
        return new Attached(network.netnsPath(), addresses, ports, nameFileMounts(id, spec, sharedWith));
    }

    /**
     * Deferred when the container gets a namespace of its own (bridge or none) and has no
     * sysctls (the init stage applies those before it waits for the go-ahead, and per-interface
     * ones need the interfaces).
     */
    @Override
    public Deferred attachDeferred(ContainerId id, String name, ContainerSpec spec, ContainerId sharedWith) {
        boolean ownNamespace = !(spec.networkMode() instanceof NetworkMode.Host)
                && !(spec.networkMode() instanceof NetworkMode.Container);
        if (!ownNamespace || !spec.sysctls().isEmpty()) {
            return NetworkAccess.super.attachDeferred(id, name, spec, sharedWith);
        }
        ContainerNetwork network = networks.prepare(id, name, spec.networkMode(), spec.networks());
        Map<String, String> addresses = new LinkedHashMap<>();
        for (ContainerNetwork.Interface link : network.interfaces()) {
            addresses.put(link.network(), link.address());
        }
        Attached attached = new Attached(null, addresses, List.of(), nameFileMounts(id, spec, sharedWith));
        return new Deferred(attached, pid -> {
            networks.connect(network, pid);
            return PortPublisher.publish(serviceName(spec, name), network, spec.ports());
        });
    }

    /**
     * /etc/hosts, /etc/resolv.conf and /etc/hostname: the container's own files (written here),
     * or for network_mode container:x those of x, as Docker shares them.
     */
    private List<LaunchRequest.Mount> nameFileMounts(ContainerId id, ContainerSpec spec, ContainerId sharedWith) {
        if (spec.networkMode() instanceof NetworkMode.Container && sharedWith != null) {
            return NameFiles.in(layout.dir(sharedWith)).mounts();
        }
        NameFiles files = NameFiles.in(layout.dir(id));
        files.writeFixed(spec, hostname(id, spec));
        return files.mounts();
    }

    @Override
    public void refreshNames(Collection<ContainerRecord> visible) {
        Map<String, String> gateways = new HashMap<>();
        List<PeerView> views = new ArrayList<>();
        for (ContainerRecord record : visible) {
            NetworkMode mode = record.spec().networkMode();
            if (mode instanceof NetworkMode.Host || mode instanceof NetworkMode.Container) {
                continue; // the host's hosts file, or another container's: not ours to render
            }
            Map<String, String> ownGateways = new LinkedHashMap<>();
            for (String network : record.addresses().keySet()) {
                ownGateways.put(network, gateways.computeIfAbsent(network, name ->
                        networks.inspect(name).map(NetworkInfo::gateway).orElse(null)));
            }
            PeerView view = PeerViews.of(record.name(), record.spec(), record.addresses(), ownGateways,
                    NameFiles.in(layout.dir(record.id())).hosts());
            views.add(new PeerView(view.containerName(), view.serviceName(), hostname(record.id(), record.spec()),
                    view.domainname(), view.endpoints(), view.links(), view.extraHosts(), view.hostsFile()));
        }
        HostsFiles.refreshAll(views);
    }

    private static String hostname(ContainerId id, ContainerSpec spec) {
        return NetworkModeRules.hostname(id, spec);
    }

    @Override
    public void detach(ContainerId id, String name, ContainerSpec spec) {
        // Only a container with ports has rules: iptables-save costs 30-60 ms at every exit otherwise.
        if (spec == null || !spec.ports().isEmpty()) {
            PortPublisher.unpublish(id);
        }
        networks.detach(id);
    }

    @Override
    public void release(ContainerId id) {
        networks.release(id);
    }

    @Override
    public void sweep(java.util.Set<ContainerId> existing, java.util.Set<ContainerId> running) {
        networks.sweep(existing, running);
        // the dead supervisor's host sockets of published ports went with it: take them again
        PortPublisher.retakeAll(running).forEach((id, lost) -> lost.forEach(port ->
                ContainerManager.log("published port " + port + " of container " + id.shortId()
                        + " could not be held again: another program bound it while no supervisor ran")));
    }

    private static String serviceName(ContainerSpec spec, String containerName) {
        return spec.labels().getOrDefault("com.docker.compose.service", containerName);
    }
}
