package io.berth.runtime.launch;

import io.berth.runtime.MountSpec;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.state.ContainerRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A spec's mounts as the container gets them, resolved at create as dockerd does: VOLUMES_FROM
 * replaced by the other container's mounts, the image's VOLUME paths that nothing else mounts
 * added as anonymous volumes, and every anonymous volume given its 64-hex name. The result is
 * what the container's record keeps, so later starts, copy-up, {@code rm -v}, a recreate
 * (which carries anonymous volumes over) and other containers' volumes_from all see the names.
 */
public final class ContainerMounts {
    private ContainerMounts() {
    }

    /**
     * Each VOLUMES_FROM entry becomes the mounts (binds and volumes, not tmpfs) of that container,
     * read-only when the mode is "ro", read-write when "rw", else as there; a target the spec
     * mounts itself keeps the spec's mount. The shared volumes are never copied up into again.
     */
    public static List<MountSpec> expandVolumesFrom(String creating, List<MountSpec> mounts,
                                             Collection<ContainerRecord> containers) {
        if (mounts.stream().noneMatch(mount -> mount.type() == MountSpec.Type.VOLUMES_FROM)) {
            return mounts;
        }
        Set<String> ownTargets = new HashSet<>();
        mounts.stream().filter(mount -> mount.type() != MountSpec.Type.VOLUMES_FROM)
                .forEach(mount -> ownTargets.add(clean(mount.target())));
        List<MountSpec> expanded = new ArrayList<>();
        for (MountSpec mount : mounts) {
            if (mount.type() != MountSpec.Type.VOLUMES_FROM) {
                expanded.add(mount);
                continue;
            }
            ContainerRecord source = find(creating, mount.source(), containers);
            String mode = mount.options().get("mode");
            for (MountSpec shared : source.spec().mounts()) {
                if (shared.type() == MountSpec.Type.TMPFS || shared.type() == MountSpec.Type.VOLUMES_FROM
                        || shared.type() == MountSpec.Type.FILE
                        || !ownTargets.add(clean(shared.target()))) {
                    continue;
                }
                boolean readOnly = "ro".equals(mode) || mount.readOnly()
                        || (!"rw".equals(mode) && shared.readOnly());
                MountSpec copy = new MountSpec(shared.type(), shared.source(), shared.target(), readOnly,
                        shared.options());
                expanded.add(shared.type() == MountSpec.Type.VOLUME ? copy.withOption("nocopy", "true") : copy);
            }
        }
        return List.copyOf(expanded);
    }

    private static ContainerRecord find(String creating, String nameOrId, Collection<ContainerRecord> containers) {
        String plain = nameOrId.startsWith("/") ? nameOrId.substring(1) : nameOrId;
        return containers.stream()
                .filter(record -> record.name().equals(plain) || record.id().value().equals(plain)
                        || (plain.length() >= 12 && record.id().value().startsWith(plain)))
                .findFirst()
                .orElseThrow(() -> new RuntimeOperationException(Kind.NOT_FOUND, "create container " + creating
                        + ": volumes_from container:" + plain + ": no such container"));
    }

    /**
     * Adds the image's VOLUME paths that no mount covers, names anonymous volumes, and marks
     * named ones that are anonymous volumes carried over from a replaced container.
     */
    public static List<MountSpec> resolveVolumes(List<MountSpec> mounts, List<String> imageVolumes, VolumeAccess volumes) {
        List<MountSpec> all = new ArrayList<>(mounts);
        Set<String> targets = new HashSet<>();
        mounts.forEach(mount -> targets.add(clean(mount.target())));
        if (imageVolumes != null) {
            for (String path : imageVolumes.stream().sorted().toList()) {
                if (targets.add(clean(path))) {
                    all.add(new MountSpec(MountSpec.Type.VOLUME, null, clean(path), false, null));
                }
            }
        }
        List<MountSpec> resolved = new ArrayList<>();
        for (MountSpec mount : all) {
            if (mount.type() != MountSpec.Type.VOLUME) {
                resolved.add(mount);
            } else if (mount.source() == null || mount.source().isEmpty()) {
                resolved.add(mount.withSource(ContainerIdNames.anonymousVolume()).withOption(MountSpec.ANONYMOUS, "true"));
            } else if (!mount.isAnonymousVolume() && volumes.isAnonymous(mount.source())) {
                resolved.add(mount.withOption(MountSpec.ANONYMOUS, "true"));
            } else {
                resolved.add(mount);
            }
        }
        return List.copyOf(resolved);
    }

    /** "/data/" and "/data" are one target, as Docker cleans destinations. */
    public static String clean(String target) {
        return target == null ? "" : Path.of("/").resolve(target).normalize().toString();
    }
}
