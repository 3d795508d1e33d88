package io.berth.engine.swarm;

import io.berth.model.FileObjectConfig;
import io.berth.model.NetworkConfig;
import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.model.VolumeConfig;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

/** What the service mapping needs of the whole stack: names of networks, volumes, secrets, configs, and warnings. */
final class StackContext {
    private final Project project;
    private final Map<String, String> fileObjectNames;
    private final BiFunction<String, Boolean, String> ids;
    private final TreeSet<String> warnings;

    StackContext(Project project, Map<String, String> fileObjectNames, BiFunction<String, Boolean, String> ids,
                 TreeSet<String> warnings) {
        this.project = project;
        this.fileObjectNames = fileObjectNames;
        this.ids = ids;
        this.warnings = warnings;
    }

    String stack() {
        return project.name();
    }

    void warn(String service, String key, String message) {
        warnings.add("services." + service + "." + key + ": " + message);
    }

    String image(Service service) {
        return service.image() != null ? service.image() : project.name() + "-" + service.name();
    }

    String volumeName(String volume) {
        VolumeConfig config = project.volumes().get(volume);
        return config == null ? SwarmNames.scoped(stack(), volume) : config.name();
    }

    Map<String, Object> volumeOptions(String volume, boolean nocopy) {
        VolumeConfig config = project.volumes().get(volume);
        if (config != null && config.external()) {
            return ServiceSpecs.map("NoCopy", nocopy ? true : null);
        }
        Map<String, String> labels = new java.util.TreeMap<>(config == null ? Map.of() : config.labels());
        labels.put(StackSpec.NAMESPACE, stack());
        return ServiceSpecs.map("NoCopy", nocopy ? true : null, "Labels", labels, "DriverConfig", config == null
                || config.driver() == null && config.driverOpts().isEmpty() ? null
                : ServiceSpecs.map("Name", config.driver(), "Options", config.driverOpts()));
    }

    String networkName(String network) {
        NetworkConfig config = project.networks().get(network);
        return config == null ? SwarmNames.scoped(stack(), network) : config.name();
    }

    /** The networks a service joins: those it names, or the stack's default. */
    TreeSet<String> networksOf(Service service) {
        TreeSet<String> networks = new TreeSet<>(service.networks().keySet());
        if (networks.isEmpty()) {
            networks.add("default");
        }
        return networks;
    }

    String fileObjectName(String key, boolean secret) {
        return fileObjectNames.get((secret ? "secrets." : "configs.") + key);
    }

    String objectId(String name, boolean secret) {
        return ids.apply(name, secret);
    }

    FileObjectConfig fileObject(String key, boolean secret) {
        return (secret ? project.secrets() : project.configs()).get(key);
    }
}
