package io.berth.runtime.volume;

import io.berth.runtime.VolumeInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A volume's metadata, {@code volumes/<name>/volume.json}.
 *
 * @param users     ids of the containers that use it now (acquired, not yet released)
 * @param copiedUp  true once its content was filled from an image (copy-up happens once)
 */
public record VolumeRecord(String name, String driver, Map<String, String> labels,
                           Map<String, String> driverOptions, String createdAt, Set<String> users,
                           boolean copiedUp) {
    public VolumeRecord {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        driverOptions = driverOptions == null ? Map.of() : Map.copyOf(driverOptions);
        users = users == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(users));
    }

    public VolumeRecord withUsers(Set<String> newUsers) {
        return new VolumeRecord(name, driver, labels, driverOptions, createdAt, newUsers, copiedUp);
    }

    public VolumeRecord withCopiedUp() {
        return new VolumeRecord(name, driver, labels, driverOptions, createdAt, users, true);
    }

    /** True when the volume is a mount of {@code driver_opts.device}, not a plain directory. */
    public boolean mountsDevice() {
        return driverOptions.containsKey("device");
    }

    public VolumeInfo toInfo(Path mountpoint) {
        return new VolumeInfo(name, driver, mountpoint, labels, driverOptions, Instant.parse(createdAt));
    }
}
