package io.berth.runtime.launch;

import io.berth.runtime.ContainerId;
import java.nio.file.Path;

/** Named volumes as containers use them: from create to removal (Docker's local driver). */
public interface VolumeAccess {
    /** The host directory of the volume, created on first use, marked as used by the container. */
    Path acquire(String volumeName, ContainerId user);

    /**
     * As {@link #acquire(String, ContainerId)}; a volume made here for an {@code anonymous} mount
     * carries Docker's anonymous label.
     */
    default Path acquire(String volumeName, ContainerId user, boolean anonymous) {
        return acquire(volumeName, user);
    }

    /** Whether the volume exists and was made for an anonymous mount (carried over on recreate). */
    default boolean isAnonymous(String volumeName) {
        return false;
    }

    /** The container no longer uses the volume (it is being removed). Idempotent. */
    void release(String volumeName, ContainerId user);

    /** {@code rm -v}: removes the volume if it is anonymous and no longer used. */
    default void removeIfAnonymous(String volumeName) {
    }

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
