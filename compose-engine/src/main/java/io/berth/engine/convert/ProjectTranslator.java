package io.berth.engine.convert;

import io.berth.engine.DesiredNetwork;
import io.berth.engine.DesiredProject;
import io.berth.engine.DesiredService;
import io.berth.engine.DesiredVolume;
import io.berth.engine.EngineException;
import io.berth.engine.Labels;
import io.berth.model.NetworkConfig;
import io.berth.model.Project;
import io.berth.model.VolumeConfig;
import io.berth.runtime.NetworkSpec;
import io.berth.runtime.VolumeSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Compose model to the engine's desired state: services with their replica count
 * ({@code --scale} over {@code scale:}/{@code deploy.replicas}), networks and volumes named as on
 * the host and labelled with the project.
 */
public final class ProjectTranslator {
    private ProjectTranslator() {
    }

    /** @param scaleOverrides {@code --scale service=N}; services not named keep the file's count */
    public static DesiredProject translate(Project project, Map<String, Integer> scaleOverrides) {
        for (String name : scaleOverrides.keySet()) {
            if (!project.services().containsKey(name)) {
                throw new EngineException("--scale " + name + ": no such service (defined: "
                        + String.join(", ", new TreeSet<>(project.services().keySet())) + ")");
            }
        }
        SortedMap<String, DesiredService> services = new TreeMap<>();
        project.services().forEach((name, service) -> services.put(name,
                ServiceTranslator.translate(project, service, scaleOverrides.getOrDefault(name, service.replicaCount()))));
        Set<String> known = new TreeSet<>(project.services().keySet());
        known.addAll(project.disabledServices().keySet());
        SortedMap<String, DesiredNetwork> networks = new TreeMap<>();
        Map<String, NetworkConfig> declared = new HashMap<>(project.networks());
        boolean usesDefault = services.values().stream().anyMatch(service -> service.template().networks().stream()
                .anyMatch(attachment -> attachment.network().equals(project.name() + "_default")));
        if (usesDefault && !declared.containsKey("default")) {
            declared.put("default", new NetworkConfig(project.name() + "_default", null, Map.of(), null, false, false,
                    false, null, Map.of(), Map.of()));
        }
        declared.forEach((key, config) -> networks.put(key, network(project.name(), key, config)));
        SortedMap<String, DesiredVolume> volumes = new TreeMap<>();
        project.volumes().forEach((key, config) -> volumes.put(key, volume(project.name(), key, config)));
        return new DesiredProject(project.name(), services, new TreeSet<>(known), networks, volumes);
    }

    private static DesiredNetwork network(String project, String key, NetworkConfig config) {
        String name = config.name() != null ? config.name() : project + "_" + key;
        Map<String, String> labels = new TreeMap<>(config.labels() == null ? Map.of() : config.labels());
        labels.put(Labels.PROJECT, project);
        labels.put(Labels.NETWORK, key);
        labels.put(Labels.VERSION, Labels.BERTH_VERSION);
        String subnet = null;
        String gateway = null;
        String ipRange = null;
        if (config.ipam() != null && config.ipam().config() != null && !config.ipam().config().isEmpty()) {
            subnet = config.ipam().config().get(0).subnet();
            gateway = config.ipam().config().get(0).gateway();
            ipRange = config.ipam().config().get(0).ipRange();
        }
        return new DesiredNetwork(key, config.external(),
                new NetworkSpec(name, config.driver(), labels, subnet, ipRange, gateway, config.internal(), config.driverOpts()));
    }

    private static DesiredVolume volume(String project, String key, VolumeConfig config) {
        String name = config.name() != null ? config.name() : project + "_" + key;
        Map<String, String> labels = new TreeMap<>(config.labels() == null ? Map.of() : config.labels());
        labels.put(Labels.PROJECT, project);
        labels.put(Labels.VOLUME, key);
        labels.put(Labels.VERSION, Labels.BERTH_VERSION);
        return new DesiredVolume(key, config.external(), new VolumeSpec(name, config.driver(), labels, config.driverOpts()));
    }
}
