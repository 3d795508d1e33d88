package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import java.nio.file.Path;

/** Named volumes as containers use them: from create to removal (Docker's local driver). */
public interface VolumeAccess {
    /** The host directory of the volume, created on first use, marked as used by the container. */
    Path acquire(String volumeName, ContainerId user);

    /** The container no longer uses the volume (it is being removed). Idempotent. */
    void release(String volumeName, ContainerId user);

    /**
     * Docker's copy-up: fills the volume from {@code imageContent} (the image's directory at the
     * mount target) if it is empty and was never filled. Returns whether it copied.
     */
    default boolean copyUp(String volumeName, Path imageContent) {
        return false;
    }

    /** Crash recovery: only {@code existing} containers still use volumes. */
    default void sweep(java.util.Set<ContainerId> existing) {
    }
}
