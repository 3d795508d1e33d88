package io.berth.runtime;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** A volume as stored on this host. */
public record VolumeInfo(String name, String driver, Path mountpoint, Map<String, String> labels,
                         Map<String, String> driverOptions, Instant createdAt) {
}
