package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.VolumeSpec;
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
        if (volumes.inspect(volumeName).isEmpty()) {
            volumes.create(new VolumeSpec(volumeName, "local", Map.of(), Map.of()));
        }
        return volumes.acquire(volumeName, user);
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
