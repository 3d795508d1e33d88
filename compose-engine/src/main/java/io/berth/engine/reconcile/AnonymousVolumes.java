package io.berth.engine.reconcile;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.MountSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a recreated container inherits from the one it replaces, as Docker Compose v2 does
 * (create.go, buildContainerMountOptions): the old container's mount at each target where the
 * new spec has an anonymous volume, and at each VOLUME path of the new image that the new spec
 * does not mount. So data in anonymous volumes survives a recreate; {@code -V} skips this, and
 * the old volumes are then left behind unused (Compose removes the old container without -v).
 */
final class AnonymousVolumes {
    private AnonymousVolumes() {
    }

    /** The new spec with the inherited mounts, and the targets that were carried over. */
    record Inherited(ContainerSpec spec, SortedSet<String> targets) {
    }

    static Inherited inherit(ContainerSpec fresh, ContainerInfo replaced, ImageInfo image) {
        Map<String, MountSpec> old = new HashMap<>();
        for (MountSpec mount : replaced.spec().mounts()) {
            // a container created before mounts were resolved has no name for its anonymous volumes
            boolean named = mount.source() != null && !mount.source().isEmpty();
            if (mount.type() != MountSpec.Type.TMPFS && mount.type() != MountSpec.Type.VOLUMES_FROM
                    && mount.type() != MountSpec.Type.FILE && named) {
                old.put(clean(mount.target()), mount);
            }
        }
        SortedSet<String> carried = new TreeSet<>();
        List<MountSpec> mounts = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (MountSpec mount : fresh.mounts()) {
            String target = clean(mount.target());
            targets.add(target);
            MountSpec previous = old.get(target);
            if (mount.type() == MountSpec.Type.VOLUME && (mount.source() == null || mount.source().isEmpty())
                    && previous != null) {
                mounts.add(new MountSpec(previous.type(), previous.source(), mount.target(), mount.readOnly(),
                        previous.options()));
                carried.add(target);
            } else {
                mounts.add(mount);
            }
        }
        List<String> imageVolumes = image == null || image.config() == null || image.config().volumes() == null
                ? List.of() : image.config().volumes();
        for (String path : imageVolumes.stream().map(AnonymousVolumes::clean).sorted().toList()) {
            MountSpec previous = old.get(path);
            if (previous != null && !targets.contains(path)) {
                mounts.add(new MountSpec(previous.type(), previous.source(), path, previous.readOnly(),
                        previous.options()));
                targets.add(path);
                carried.add(path);
            }
        }
        return new Inherited(carried.isEmpty() ? fresh : fresh.withMounts(mounts), carried);
    }

    /** The anonymous volumes of a container, by target: what {@code -V} leaves behind. */
    static SortedSet<String> anonymousTargets(ContainerInfo container) {
        SortedSet<String> targets = new TreeSet<>();
        container.spec().mounts().stream().filter(MountSpec::isAnonymousVolume)
                .forEach(mount -> targets.add(clean(mount.target())));
        return targets;
    }

    static String clean(String target) {
        return target == null ? "" : Path.of("/").resolve(target).normalize().toString();
    }
}
