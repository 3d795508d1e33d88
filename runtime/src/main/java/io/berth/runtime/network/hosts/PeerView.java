package io.berth.runtime.network.hosts;

import io.berth.runtime.ContainerSpec.LinkSpec;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container as its /etc/hosts needs it, and as its peers see it. The supervisor builds one per
 * container that should be visible (running, or created with its addresses reserved) and calls
 * {@link HostsFiles#refreshAll} whenever one is created, removed, started, stopped or scaled.
 * A container with {@code network_mode: container:x} gets no file of its own: bind-mount x's.
 *
 * @param containerName the unique container name, e.g. {@code project-web-1}
 * @param serviceName   the Compose service, e.g. {@code web}; null for a plain container
 * @param hostname      its hostname (Docker's default: the short id)
 * @param domainname    its domain name; null or empty: none
 * @param endpoints     network name to the container's endpoint there, in interface order
 *                      (eth0 first); empty for network_mode none/host/container
 * @param links         its {@code links:}: the peer container's name and the alias it is known by
 * @param extraHosts    {@code extra_hosts} as "name:ip", "name=ip" ("a b:ip" for several names;
 *                      ip {@code host-gateway}: the gateway of the first network)
 * @param hostsFile     its /etc/hosts on the host (bind-mounted into it); null: not written
 */
public record PeerView(String containerName, String serviceName, String hostname, String domainname,
                       Map<String, Endpoint> endpoints, List<LinkSpec> links, List<String> extraHosts,
                       Path hostsFile) {

    /** The container on one network: address, aliases there, and the network's gateway (null if internal). */
    public record Endpoint(String address, List<String> aliases, String gateway) {
        public Endpoint {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    public PeerView {
        endpoints = endpoints == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        links = links == null ? List.of() : List.copyOf(links);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    }
}
