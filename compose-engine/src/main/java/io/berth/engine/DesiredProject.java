package io.berth.engine;

import io.berth.engine.graph.DependencyGraph;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The project as the engine wants it: services (enabled by the active profiles, scaled),
 * networks and volumes. {@code knownServices} also holds the services disabled by profiles, which
 * are not orphans.
 */
public record DesiredProject(String name, SortedMap<String, DesiredService> services,
                             SortedSet<String> knownServices, SortedMap<String, DesiredNetwork> networks,
                             SortedMap<String, DesiredVolume> volumes) {
    public DesiredProject {
        services = new TreeMap<>(services);
        knownServices = new TreeSet<>(knownServices);
        knownServices.addAll(services.keySet());
        networks = new TreeMap<>(networks);
        volumes = new TreeMap<>(volumes);
    }

    /** The dependency graph of the services; throws DependencyCycleException naming the cycle. */
    public DependencyGraph graph() {
        SortedMap<String, SortedSet<String>> edges = new TreeMap<>();
        services.forEach((name, service) -> {
            SortedSet<String> dependencies = new TreeSet<>(service.dependencies());
            dependencies.retainAll(services.keySet()); // optional ones absent: warned, not edges
            edges.put(name, dependencies);
        });
        return DependencyGraph.of(edges);
    }
}
