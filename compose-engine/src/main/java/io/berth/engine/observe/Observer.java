package io.berth.engine.observe;

import io.berth.engine.DesiredNetwork;
import io.berth.engine.DesiredProject;
import io.berth.engine.DesiredService;
import io.berth.engine.DesiredVolume;
import io.berth.engine.Labels;
import io.berth.engine.ObservedState;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.VolumeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes the one snapshot a plan is made from: the project's containers, networks and volumes by
 * label, the networks and volumes the file names (external ones included) by name, and the images
 * its services run.
 */
public final class Observer {
    private Observer() {
    }

    /** A runtime without volume support still runs projects that use none. */
    private static List<VolumeInfo> volumes(ContainerRuntime runtime, Map<String, String> byProject,
                                            DesiredProject desired) {
        try {
            return runtime.listVolumes(byProject);
        } catch (RuntimeOperationException unsupported) {
            if (desired == null || desired.volumes().isEmpty()) {
                return List.of();
            }
            throw unsupported;
        }
    }

    /** @param desired the project from the file, or null to observe by labels only */
    public static ObservedState observe(ContainerRuntime runtime, String project, DesiredProject desired) {
        Map<String, String> byProject = Map.of(Labels.PROJECT, project);
        List<NetworkInfo> networks = new ArrayList<>(runtime.listNetworks(byProject));
        List<VolumeInfo> volumes = new ArrayList<>(volumes(runtime, byProject, desired));
        Map<String, ImageInfo> images = desired == null ? Map.of() : images(runtime, desired);
        if (desired != null) {
            for (DesiredNetwork network : desired.networks().values()) {
                if (networks.stream().noneMatch(known -> known.name().equals(network.name()))) {
                    runtime.inspectNetwork(network.name()).ifPresent(networks::add);
                }
            }
            for (DesiredVolume volume : desired.volumes().values()) {
                if (volumes.stream().noneMatch(known -> known.name().equals(volume.name()))) {
                    runtime.inspectVolume(volume.name()).ifPresent(volumes::add);
                }
            }
        }
        return new ObservedState(project, runtime.listContainers(byProject), networks, volumes, images);
    }

    /** The images the services run, by the reference in the file (familiar form), those that exist. */
    public static Map<String, ImageInfo> images(ContainerRuntime runtime, DesiredProject desired) {
        Map<String, ImageInfo> images = new TreeMap<>();
        for (DesiredService service : desired.services().values()) {
            runtime.findImage(service.image()).ifPresent(image -> images.put(service.image().familiar(), image));
        }
        return images;
    }
}
