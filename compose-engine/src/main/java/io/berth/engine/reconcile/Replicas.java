package io.berth.engine.reconcile;

import io.berth.engine.DesiredProject;
import io.berth.engine.DesiredService;
import io.berth.engine.Labels;
import io.berth.engine.ObservedState;
import io.berth.engine.ServiceRefs;
import io.berth.engine.convert.ReplicaSpec;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerSpec.LinkSpec;
import io.berth.runtime.MountSpec;
import io.berth.runtime.NetworkMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which replica numbers each service ends up with (keep the lowest existing, remove the highest,
 * add the lowest free numbers), their container names, and the spec of each replica with the
 * references to other services resolved to those names.
 */
final class Replicas {
    /** A service's replicas after the plan: number to container name. */
    private final SortedMap<String, SortedMap<Integer, String>> namesByService = new TreeMap<>();
    private final DesiredProject project;

    Replicas(DesiredProject project, ObservedState observed) {
        this.project = project;
        project.services().forEach((name, service) -> {
            List<ContainerInfo> existing = observed.serviceContainers(name);
            SortedMap<Integer, String> names = new TreeMap<>();
            existing.stream().limit(service.scale()).forEach(container ->
                    names.put(observed.labelsOf(container).number(),
                            nameOf(service, observed.labelsOf(container).number())));
            newNumbers(observed, existing, service.scale()).forEach(number -> names.put(number, nameOf(service, number)));
            namesByService.put(name, names);
        });
    }

    /** The numbers to add: lowest free ones, so scale 1 -> 3 adds 2 and 3. */
    static List<Integer> newNumbers(ObservedState observed, List<ContainerInfo> existing, int scale) {
        TreeSet<Integer> kept = new TreeSet<>();
        existing.stream().limit(scale).forEach(container -> kept.add(observed.labelsOf(container).number()));
        List<Integer> added = new ArrayList<>();
        for (int number = 1; kept.size() + added.size() < scale; number++) {
            if (!kept.contains(number)) {
                added.add(number);
            }
        }
        return added;
    }

    String nameOf(DesiredService service, int number) {
        return service.containerName() != null ? service.containerName()
                : project.name() + "-" + service.name() + "-" + number;
    }

    List<String> names(String service) {
        return List.copyOf(namesByService.getOrDefault(service, new TreeMap<>()).values());
    }

    /** The full spec of replica {@code number} of {@code service}. */
    ContainerSpec spec(DesiredService service, int number) {
        ContainerSpec template = service.template();
        Map<String, String> labels = new TreeMap<>(template.labels());
        labels.put(Labels.CONTAINER_NUMBER, String.valueOf(number));
        labels.put(Labels.ONEOFF, "False");
        ServiceRefs refs = service.refs();
        List<MountSpec> mounts = new ArrayList<>(template.mounts());
        for (ServiceRefs.VolumesFrom from : refs.volumesFrom()) {
            // as Compose: the first replica's mounts, resolved by the runtime at create, so its
            // anonymous volumes are shared too
            if (project.services().containsKey(from.service())) {
                mounts.add(MountSpec.volumesFrom(first(from.service()), from.readOnly() ? "ro" : null));
            }
        }
        NetworkMode networkMode = refs.networkService() == null ? template.networkMode()
                : new NetworkMode.Container(first(refs.networkService()));
        String ipcMode = refs.ipcService() == null ? template.ipcMode() : "container:" + first(refs.ipcService());
        String pidMode = refs.pidService() == null ? template.pidMode() : "container:" + first(refs.pidService());
        List<LinkSpec> links = new ArrayList<>(template.links());
        for (ServiceRefs.Link link : refs.links()) {
            names(link.service()).forEach(peer -> links.add(new LinkSpec(peer, link.alias())));
        }
        return ReplicaSpec.with(template, nameOf(service, number), labels, mounts, networkMode, ipcMode,
                pidMode, links);
    }

    private String first(String service) {
        List<String> names = names(service);
        if (names.isEmpty()) {
            return project.name() + "-" + service + "-1";
        }
        return names.get(0);
    }
}
