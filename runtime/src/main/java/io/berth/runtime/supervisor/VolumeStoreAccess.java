package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.VolumeInfo;
import io.berth.runtime.VolumeSpec;
import io.berth.runtime.launch.VolumeAccess;
import io.berth.runtime.volume.VolumeStore;
import java.nio.file.Path;
import java.util.Map;

/** Volumes through the volume module's {@link VolumeStore}; a missing named volume is created. */
public final class VolumeStoreAccess implements VolumeAccess {
    private final VolumeStore volumes;

    public VolumeStoreAccess(RuntimeConfig config) {
        this.volumes = new VolumeStore(config.stateRoot());
    }

    @Override
    public Path acquire(String volumeName, ContainerId user) {
        return acquire(volumeName, user, false);
    }

    @Override
    public Path acquire(String volumeName, ContainerId user, boolean anonymous) {
        if (volumes.inspect(volumeName).isEmpty()) {
            Map<String, String> labels = anonymous ? Map.of(VolumeInfo.ANONYMOUS_LABEL, "") : Map.of();
            volumes.create(new VolumeSpec(volumeName, "local", labels, Map.of()));
        }
        return volumes.acquire(volumeName, user);
    }

    @Override
    public boolean isAnonymous(String volumeName) {
        return volumes.inspect(volumeName).map(VolumeInfo::isAnonymous).orElse(false);
    }

    @Override
    public void removeIfAnonymous(String volumeName) {
        volumes.removeIfAnonymousAndUnused(volumeName);
    }

    /** Users are the containers that exist (a stopped one still holds its volumes, as in Docker). */
    @Override
    public void sweep(java.util.Set<ContainerId> existing) {
        volumes.sweepUsers(existing);
    }

    @Override
    public boolean copyUp(String volumeName, Path imageContent) {
        return volumes.copyUp(volumeName, imageContent, false);
    }

    @Override
    public void release(String volumeName, ContainerId user) {
        volumes.release(volumeName, user);
    }
}
