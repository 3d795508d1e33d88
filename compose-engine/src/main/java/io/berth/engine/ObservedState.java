package io.berth.engine;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.VolumeInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One snapshot of what exists for a project: its containers, networks and volumes (by label),
 * and the images its services name (by the reference in the file, familiar form). Each
 * container's Compose labels are parsed once, here, into {@link ObservedContainer}
 * ({@code labels}, by container name).
 */
public record ObservedState(String project, List<ContainerInfo> containers, List<NetworkInfo> networks,
                            List<VolumeInfo> volumes, Map<String, ImageInfo> images,
                            Map<String, ObservedContainer> labels) {
    public ObservedState {
        containers = containers.stream().sorted(Comparator.comparing(ContainerInfo::name)).toList();
        networks = List.copyOf(networks);
        volumes = List.copyOf(volumes);
        images = new TreeMap<>(images);
        labels = Map.copyOf(labels);
    }

    public ObservedState(String project, List<ContainerInfo> containers, List<NetworkInfo> networks,
                         List<VolumeInfo> volumes, Map<String, ImageInfo> images) {
        this(project, containers, networks, volumes, images, parse(containers));
    }

    private static Map<String, ObservedContainer> parse(List<ContainerInfo> containers) {
        Map<String, ObservedContainer> parsed = new TreeMap<>();
        containers.forEach(container -> parsed.put(container.name(), ObservedContainer.of(container)));
        return parsed;
    }

    /** The container's labels as typed fields (parsed when observed; parsed now for one from elsewhere). */
    public ObservedContainer labelsOf(ContainerInfo container) {
        ObservedContainer parsed = labels.get(container.name());
        return parsed != null ? parsed : ObservedContainer.of(container);
    }

    /** The same snapshot with the images looked up again (after pulls). */
    public ObservedState withImages(Map<String, ImageInfo> newImages) {
        return new ObservedState(project, containers, networks, volumes, newImages, labels);
    }

    public static ObservedState empty(String project) {
        return new ObservedState(project, List.of(), List.of(), List.of(), Map.of());
    }

    /** The service's containers that are not one-off, by replica number ascending. */
    public List<ContainerInfo> serviceContainers(String service) {
        return containers.stream()
                .filter(container -> service.equals(labelsOf(container).service()))
                .filter(container -> !labelsOf(container).oneOff())
                .sorted(Comparator.comparingInt((ContainerInfo container) -> labelsOf(container).number())
                        .thenComparing(ContainerInfo::name))
                .toList();
    }

    public Optional<NetworkInfo> network(String name) {
        return networks.stream().filter(network -> network.name().equals(name)).findFirst();
    }

    public Optional<VolumeInfo> volume(String name) {
        return volumes.stream().filter(volume -> volume.name().equals(name)).findFirst();
    }

    /** For a container outside a snapshot; within one, {@link #labelsOf} has it parsed. */
    public static boolean isOneOff(ContainerInfo container) {
        return ComposeLabels.of(container).oneOff();
    }

    /** For a container outside a snapshot; within one, {@link #labelsOf} has it parsed. */
    public static int number(ContainerInfo container) {
        return ComposeLabels.of(container).number();
    }
}
