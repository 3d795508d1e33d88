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
 * and the images its services name (by the reference in the file, familiar form).
 */
public record ObservedState(String project, List<ContainerInfo> containers, List<NetworkInfo> networks,
                            List<VolumeInfo> volumes, Map<String, ImageInfo> images) {
    public ObservedState {
        containers = containers.stream().sorted(Comparator.comparing(ContainerInfo::name)).toList();
        networks = List.copyOf(networks);
        volumes = List.copyOf(volumes);
        images = new TreeMap<>(images);
    }

    /** The same snapshot with the images looked up again (after pulls). */
    public ObservedState withImages(Map<String, ImageInfo> newImages) {
        return new ObservedState(project, containers, networks, volumes, newImages);
    }

    public static ObservedState empty(String project) {
        return new ObservedState(project, List.of(), List.of(), List.of(), Map.of());
    }

    /** The service's containers that are not one-off, by replica number ascending. */
    public List<ContainerInfo> serviceContainers(String service) {
        return containers.stream()
                .filter(container -> service.equals(container.labels().get(Labels.SERVICE)))
                .filter(container -> !isOneOff(container))
                .sorted(Comparator.comparingInt(ObservedState::number).thenComparing(ContainerInfo::name))
                .toList();
    }

    public Optional<NetworkInfo> network(String name) {
        return networks.stream().filter(network -> network.name().equals(name)).findFirst();
    }

    public Optional<VolumeInfo> volume(String name) {
        return volumes.stream().filter(volume -> volume.name().equals(name)).findFirst();
    }

    public static boolean isOneOff(ContainerInfo container) {
        return "True".equalsIgnoreCase(container.labels().getOrDefault(Labels.ONEOFF, "False"));
    }

    public static int number(ContainerInfo container) {
        try {
            return Integer.parseInt(container.labels().getOrDefault(Labels.CONTAINER_NUMBER, "0"));
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
