package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import java.nio.file.Path;

/** Named volumes as containers use them: from create to removal (Docker's local driver). */
public interface VolumeAccess {
    /** The host directory of the volume, created on first use, marked as used by the container. */
    Path acquire(String volumeName, ContainerId user);

    /** The container no longer uses the volume (it is being removed). Idempotent. */
    void release(String volumeName, ContainerId user);

    /** Crash recovery: only {@code existing} containers still use volumes. */
    default void sweep(java.util.Set<ContainerId> existing) {
    }
}
