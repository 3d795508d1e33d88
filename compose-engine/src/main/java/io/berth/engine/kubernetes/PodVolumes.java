package io.berth.engine.kubernetes;

import io.berth.model.FileReference;
import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.model.ServiceVolume;
import io.berth.model.VolumeConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's volumes and mounts: named volumes as claims (or claim templates of a StatefulSet),
 * anonymous volumes as emptyDir, tmpfs and {@code shm_size} as memory-backed emptyDir, secrets and
 * configs as files of their Secret or ConfigMap at the same paths as under Compose. Bind mounts
 * have no meaning on a cluster and are warned about.
 */
final class PodVolumes {
    final List<Map<String, Object>> volumes = new ArrayList<>();
    final List<Map<String, Object>> mounts = new ArrayList<>();
    /** Named volumes this service claims through its StatefulSet's templates (stateful only). */
    final Map<String, String> claimTemplates = new LinkedHashMap<>();

    private PodVolumes() {
    }

    static PodVolumes of(Project project, Service service, boolean stateful, Warnings warnings) {
        PodVolumes pod = new PodVolumes();
        for (int i = 0; i < service.volumes().size(); i++) {
            pod.volume(project, service, service.volumes().get(i), "volumes[" + i + "]", stateful, warnings);
        }
        for (int i = 0; i < service.tmpfs().size(); i++) {
            String target = service.tmpfs().get(i).split(":", 2)[0];
            pod.emptyDir("tmpfs-" + i, target, Tree.map("medium", "Memory"), false);
        }
        if (service.shmSize() != null) {
            pod.emptyDir("shm", "/dev/shm", Tree.map("medium", "Memory", "sizeLimit", Quantities.memory(service.shmSize())),
                    false);
        }
        for (int i = 0; i < service.secrets().size(); i++) {
            pod.file(service, service.secrets().get(i), "secrets[" + i + "]", true, warnings);
        }
        for (int i = 0; i < service.configs().size(); i++) {
            pod.file(service, service.configs().get(i), "configs[" + i + "]", false, warnings);
        }
        return pod;
    }

    private void volume(Project project, Service service, ServiceVolume volume, String at, boolean stateful,
                        Warnings warnings) {
        String name = "vol-" + volumes.size();
        switch (volume.type()) {
            case "volume" -> {
                if (volume.source() == null || volume.source().isEmpty()) {
                    emptyDir(name, volume.target(), Map.of(), volume.readOnly());
                    return;
                }
                VolumeConfig config = project.volumes().get(volume.source());
                String claim = config != null && config.external() ? Names.label(config.name()) : Names.label(volume.source());
                String subPath = volume.volume() == null ? null : volume.volume().subpath();
                if (stateful && (config == null || !config.external())) {
                    claimTemplates.put(volume.source(), claim);
                    mounts.add(Tree.map("name", claim, "mountPath", volume.target(), "subPath", subPath,
                            "readOnly", volume.readOnly() ? true : null));
                    return;
                }
                volumes.add(Tree.map("name", name, "persistentVolumeClaim", Tree.map("claimName", claim,
                        "readOnly", volume.readOnly() ? true : null)));
                mounts.add(Tree.map("name", name, "mountPath", volume.target(), "subPath", subPath,
                        "readOnly", volume.readOnly() ? true : null));
            }
            case "tmpfs" -> {
                Long size = volume.tmpfs() == null ? null : volume.tmpfs().size();
                emptyDir(name, volume.target(), Tree.map("medium", "Memory",
                        "sizeLimit", size == null ? null : Quantities.memory(size)), volume.readOnly());
            }
            case "bind" -> warnings.service(service.name(), at, "bind mount of " + Shown.path(project, volume.source()) + " at " + volume.target()
                    + " has no meaning on a cluster; not converted (use a named volume, a config or a secret)");
            default -> warnings.service(service.name(), at, "volume type " + volume.type() + " is not converted");
        }
    }

    private void emptyDir(String name, String target, Map<String, Object> options, boolean readOnly) {
        volumes.add(Tree.map("name", name, "emptyDir", new LinkedHashMap<>(options)));
        mounts.add(Tree.map("name", name, "mountPath", target, "readOnly", readOnly ? true : null));
    }

    /** A secret or config as one file of its object, mounted with subPath at Compose's path. */
    private void file(Service service, FileReference reference, String at, boolean secret, Warnings warnings) {
        String key = reference.source();
        String target = target(reference, secret);
        String volumeName = (secret ? "secret-" : "config-") + volumes.size();
        String fileName = "content";
        Map<String, Object> item = Tree.map("key", key, "path", fileName, "mode", reference.mode());
        Map<String, Object> source = secret
                ? Tree.map("secretName", Names.label(key), "items", List.of(item))
                : Tree.map("name", Names.label(key), "items", List.of(item));
        volumes.add(Tree.map("name", volumeName, secret ? "secret" : "configMap", source));
        mounts.add(Tree.map("name", volumeName, "mountPath", target, "subPath", fileName, "readOnly", true));
        if (reference.uid() != null || reference.gid() != null) {
            warnings.service(service.name(), at, "uid and gid of a mounted file cannot be set on Kubernetes"
                    + " (the pod's fsGroup decides); left out");
        }
    }

    /** Compose's path: a secret under /run/secrets unless absolute, a config at /NAME unless given. */
    static String target(FileReference reference, boolean secret) {
        String target = reference.target() == null || reference.target().isEmpty() ? reference.source() : reference.target();
        if (target.startsWith("/")) {
            return target;
        }
        return secret ? "/run/secrets/" + target : "/" + target;
    }
}
