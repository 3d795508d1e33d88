package io.berth.engine;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A service's references to other services' containers, resolved to container names only when
 * the replicas are known: {@code links}, {@code network_mode}/{@code ipc}/{@code pid} of the form
 * {@code service:x}, and {@code volumes_from}. Each is an implicit dependency.
 */
public record ServiceRefs(List<Link> links, String networkService, String ipcService, String pidService,
                          List<VolumesFrom> volumesFrom) {
    public static final ServiceRefs NONE = new ServiceRefs(List.of(), null, null, null, List.of());

    public ServiceRefs {
        links = links == null ? List.of() : List.copyOf(links);
        volumesFrom = volumesFrom == null ? List.of() : List.copyOf(volumesFrom);
    }

    /** {@code links: [db:database]}: service db known here as "database". */
    public record Link(String service, String alias) {
    }

    public record VolumesFrom(String service, boolean readOnly) {
    }

    /** The services this one shares a namespace with: recreated with them. */
    public SortedSet<String> namespaceServices() {
        SortedSet<String> services = new TreeSet<>();
        for (String service : new String[] {networkService, ipcService, pidService}) {
            if (service != null) {
                services.add(service);
            }
        }
        return services;
    }

    public SortedSet<String> services() {
        SortedSet<String> services = namespaceServices();
        links.forEach(link -> services.add(link.service()));
        volumesFrom.forEach(from -> services.add(from.service()));
        return services;
    }

}
