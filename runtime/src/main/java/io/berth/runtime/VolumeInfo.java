package io.berth.runtime;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** A volume as stored on this host. */
public record VolumeInfo(String name, String driver, Path mountpoint, Map<String, String> labels,
                         Map<String, String> driverOptions, Instant createdAt) {
    /**
     * The label dockerd (23 and later) puts on the volumes it makes for a container's anonymous
     * mounts; Docker Compose adds no label of its own to them. {@code rm -v} removes only these.
     */
    public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";

    public boolean isAnonymous() {
        return labels != null && labels.containsKey(ANONYMOUS_LABEL);
    }
}
