package io.berth.runtime.launch;

import io.berth.runtime.MountSpec;
import io.berth.runtime.container.ContainerLauncher;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.LinuxException;
import io.berth.runtime.linux.SecureJoin;
import io.berth.runtime.state.ContainerRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's copy-up: on a container's start, an empty volume mounted where the image has content
 * is filled with that content first (owners, modes, links kept); {@code nocopy} turns it off.
 * The content is read through the container's mounted root, with the target resolved inside it
 * (a symlink in the image cannot point the copy at the host's files).
 */
public final class VolumeCopyUp {
    private VolumeCopyUp() {
    }

    /** A volume to fill, and where the container mounts it. */
    private record Pending(String volume, String target) {
    }

    public static void beforeStart(ContainerRecord record, ContainerLauncher launcher, VolumeAccess volumes) {
        List<Pending> pending = pending(record);
        if (pending.isEmpty()) {
            return;
        }
        launcher.mountRootfs(record.launch());
        int rootFd = FdCalls.open(record.launch().rootfs().toString(), FdCalls.O_PATH | FdCalls.O_DIRECTORY, 0);
        try {
            for (Pending copy : pending) {
                copy(rootFd, copy.volume(), copy.target(), volumes);
            }
        } finally {
            FdCalls.closeQuietly(rootFd);
        }
    }

    /** The volume mounts to copy up, in mount order. */
    private static List<Pending> pending(ContainerRecord record) {
        List<Pending> pending = new ArrayList<>();
        int volumeIndex = 0;
        for (MountSpec mount : record.spec().mounts()) {
            if (mount.type() != MountSpec.Type.VOLUME) {
                continue;
            }
            // records made before mounts were resolved at create have no source for anonymous ones
            String name = mount.source() != null && !mount.source().isEmpty() ? mount.source()
                    : volumeIndex < record.volumes().size() ? record.volumes().get(volumeIndex) : null;
            volumeIndex++;
            boolean nocopy = "true".equalsIgnoreCase(mount.options().get("nocopy"));
            if (name != null && !nocopy && !mount.options().containsKey("subpath")) {
                pending.add(new Pending(name, mount.target()));
            }
        }
        return pending;
    }

    private static void copy(int rootFd, String volume, String target, VolumeAccess volumes) {
        int contentFd;
        try {
            contentFd = SecureJoin.open(rootFd, target, SecureJoin.Create.NOTHING);
        } catch (LinuxException nothingThere) {
            return; // the image has nothing at the target: nothing to copy
        }
        try {
            volumes.copyUp(volume, Path.of(SecureJoin.procPath(contentFd)));
        } finally {
            FdCalls.closeQuietly(contentFd);
        }
    }
}
