package io.berth.engine.kubernetes;

import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.model.ServiceVolume;
import io.berth.model.VolumeConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Named volumes as PersistentVolumeClaims: read-write-once when one service uses the volume,
 * read-write-many (and a warning: the cluster's storage class must offer it) when several do. The
 * size is {@code driver_opts.size} when given, else 1Gi.
 */
final class Claims {
    static final String DEFAULT_SIZE = "1Gi";

    private Claims() {
    }

    /** Volume name to the services that mount it. */
    static Map<String, TreeSet<String>> users(Project project) {
        Map<String, TreeSet<String>> users = new TreeMap<>();
        for (Service service : project.services().values()) {
            for (ServiceVolume volume : service.volumes()) {
                if (volume.type().equals("volume") && volume.source() != null && !volume.source().isEmpty()) {
                    users.computeIfAbsent(volume.source(), v -> new TreeSet<>()).add(service.name());
                }
            }
        }
        return users;
    }

    static boolean shared(Project project, String volume) {
        TreeSet<String> services = users(project).get(volume);
        return services != null && services.size() > 1;
    }

    /** The claims of the volumes Deployments use (StatefulSets bring their own templates). */
    static void add(Project project, java.util.Set<String> templated, List<KubernetesObject> objects,
                    Map<String, String> labels, Warnings warnings) {
        users(project).forEach((volume, services) -> {
            VolumeConfig config = project.volumes().get(volume);
            if (config == null || templated.contains(volume)) {
                return;
            }
            if (config.external()) {
                warnings.project("volumes." + volume, "external: the claim " + Names.label(config.name())
                        + " must exist in the namespace");
                return;
            }
            if (config.driver() != null && !config.driver().equals("local")) {
                warnings.project("volumes." + volume, "driver " + config.driver() + " is not converted: the cluster's"
                        + " default storage class applies");
            }
            boolean shared = services.size() > 1;
            if (shared) {
                warnings.project("volumes." + volume, "used by " + String.join(", ", services)
                        + ": claimed ReadWriteMany, which the storage class must support");
            }
            objects.add(claim(Names.label(volume), shared, config, labels));
        });
    }

    static KubernetesObject claim(String name, boolean shared, VolumeConfig config, Map<String, String> labels) {
        Map<String, Object> body = Tree.object("v1", "PersistentVolumeClaim", name, labels, Map.of());
        body.put("spec", spec(shared, config));
        return new KubernetesObject("PersistentVolumeClaim", name, body);
    }

    static Map<String, Object> spec(boolean shared, VolumeConfig config) {
        String size = config == null ? null : config.driverOpts().get("size");
        if (size != null && !Checks.isQuantity(size)) {
            size = null;
        }
        return Tree.map("accessModes", List.of(shared ? "ReadWriteMany" : "ReadWriteOnce"),
                "resources", Tree.map("requests", Tree.map("storage", size == null ? DEFAULT_SIZE : size)));
    }
}
