package io.berth.engine.convert;

import io.berth.engine.EngineException;
import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.model.ServiceVolume;
import io.berth.model.VolumeConfig;
import io.berth.runtime.MountSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code volumes:}, {@code tmpfs:} and {@code volumes_from: container:x} as runtime
 * mounts; named volumes get their real names, anonymous ones none (the runtime names them).
 */
final class Mounts {
    private Mounts() {
    }

    static List<MountSpec> of(Project project, Service service) {
        List<MountSpec> mounts = new ArrayList<>();
        for (ServiceVolume volume : service.volumes()) {
            mounts.add(of(volume, service.name(), source -> {
                VolumeConfig config = project.volumes().get(source);
                return config != null ? config.name() : project.name() + "_" + source;
            }));
        }
        return withTmpfsFilesAndContainers(project, service, mounts);
    }

    /** One {@code volumes:} entry; {@code volumeName} gives a named volume's real name from its key. */
    static MountSpec of(ServiceVolume volume, String serviceName, java.util.function.UnaryOperator<String> volumeName) {
        Map<String, String> options = new HashMap<>();
        switch (volume.type()) {
            case "bind" -> {
                if (volume.bind() != null && volume.bind().propagation() != null) {
                    options.put("propagation", volume.bind().propagation());
                }
                boolean create = volume.bind() == null || volume.bind().createHostPath() == null
                        || volume.bind().createHostPath();
                options.put("create-host-path", String.valueOf(create));
                return new MountSpec(MountSpec.Type.BIND, volume.source(), volume.target(), volume.readOnly(), options);
            }
            case "volume" -> {
                String name = volume.source() == null ? null : volumeName.apply(volume.source());
                if (volume.volume() != null) {
                    if (volume.volume().nocopy()) {
                        options.put("nocopy", "true");
                    }
                    if (volume.volume().subpath() != null) {
                        options.put("subpath", volume.volume().subpath());
                    }
                }
                return new MountSpec(MountSpec.Type.VOLUME, name, volume.target(), volume.readOnly(), options);
            }
            case "tmpfs" -> {
                if (volume.tmpfs() != null && volume.tmpfs().size() != null) {
                    options.put("tmpfs-size", String.valueOf(volume.tmpfs().size()));
                }
                if (volume.tmpfs() != null && volume.tmpfs().mode() != null) {
                    options.put("tmpfs-mode", Integer.toOctalString(volume.tmpfs().mode()));
                }
                return new MountSpec(MountSpec.Type.TMPFS, null, volume.target(), volume.readOnly(), options);
            }
            default -> throw new EngineException("service " + serviceName + ": volumes: type " + volume.type()
                    + " (target " + volume.target() + ") is not supported by berth");
        }
    }

    private static List<MountSpec> withTmpfsFilesAndContainers(Project project, Service service, List<MountSpec> mounts) {
        for (String tmpfs : service.tmpfs()) {
            String[] parts = tmpfs.split(":", 2);
            Map<String, String> options = new HashMap<>();
            if (parts.length == 2) {
                List<String> words = new ArrayList<>();
                for (String option : parts[1].split(",")) {
                    if (option.startsWith("size=")) {
                        options.put("tmpfs-size", option.substring("size=".length()));
                    } else if (option.startsWith("mode=")) {
                        options.put("tmpfs-mode", option.substring("mode=".length()));
                    } else if (!option.isBlank()) {
                        words.add(option.strip());
                    }
                }
                if (!words.isEmpty()) {
                    options.put(MountSpec.TMPFS_OPTIONS, String.join(",", words)); // exec, uid=1000, ...
                }
            }
            mounts.add(new MountSpec(MountSpec.Type.TMPFS, null, parts[0], false, options));
        }
        mounts.addAll(FileMounts.of(project, service));
        // container:NAME[:ro|:rw], a container outside the project; the service: form is resolved
        // per replica (Replicas), once the source's container names are known
        for (String from : service.volumesFrom()) {
            if (from.startsWith("container:")) {
                String[] parts = from.substring("container:".length()).split(":", 2);
                mounts.add(MountSpec.volumesFrom(parts[0], parts.length == 2 ? parts[1] : null));
            }
        }
        return mounts;
    }
}
