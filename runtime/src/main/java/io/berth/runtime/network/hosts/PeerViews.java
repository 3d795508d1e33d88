package io.berth.runtime.network.hosts;

import io.berth.runtime.ContainerSpec;
import io.berth.runtime.NetworkAttachment;
import io.berth.runtime.network.ContainerNetwork;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link PeerView}s from what the supervisor has: the spec and the attached network. */
public final class PeerViews {
    /** The Compose label naming a container's service. */
    public static final String SERVICE_LABEL = "com.docker.compose.service";
    /** The Compose label of a one-off ({@code run}) container. */
    public static final String ONEOFF_LABEL = "com.docker.compose.oneoff";

    private PeerViews() {
    }

    /**
     * From the result of {@code NetworkManager.attach} (gateways known, for host-gateway); the
     * hostname is the spec's, else the short container id (Docker's default).
     */
    public static PeerView of(String containerName, ContainerSpec spec, ContainerNetwork network, Path hostsFile) {
        Map<String, String> addresses = new LinkedHashMap<>();
        Map<String, String> gateways = new LinkedHashMap<>();
        for (ContainerNetwork.Interface link : network.interfaces()) {
            addresses.put(link.network(), link.address());
            gateways.put(link.network(), link.gateway());
        }
        PeerView view = of(containerName, spec, addresses, gateways, hostsFile);
        if (spec.hostname() == null || spec.hostname().isBlank()) {
            // Docker's default hostname is the short container id.
            return new PeerView(view.containerName(), view.serviceName(), network.containerId().shortId(),
                    view.domainname(), view.endpoints(), view.links(), view.extraHosts(), view.hostsFile());
        }
        return view;
    }

    /**
     * From network name to address (in interface order) and network name to gateway (may be
     * empty: then {@code host-gateway} in extra_hosts is left out); the hostname is the spec's,
     * else the container name.
     */
    public static PeerView of(String containerName, ContainerSpec spec, Map<String, String> addresses,
                              Map<String, String> gateways, Path hostsFile) {
        Map<String, PeerView.Endpoint> endpoints = new LinkedHashMap<>();
        addresses.forEach((network, address) -> endpoints.put(network,
                new PeerView.Endpoint(address, aliasesOn(spec, network), gateways.get(network))));
        String hostname = spec.hostname() == null || spec.hostname().isBlank() ? containerName : spec.hostname();
        // A one-off (run) container answers to its service's name only through its aliases (run --use-aliases),
        // as with Docker Compose.
        String service = "True".equalsIgnoreCase(spec.labels().get(ONEOFF_LABEL)) ? null : spec.labels().get(SERVICE_LABEL);
        return new PeerView(containerName, service, hostname, spec.domainname(),
                endpoints, spec.links(), spec.extraHosts(), hostsFile);
    }

    private static List<String> aliasesOn(ContainerSpec spec, String network) {
        return spec.networks().stream().filter(attachment -> attachment.network().equals(network))
                .findFirst().map(NetworkAttachment::aliases).orElse(List.of());
    }
}
