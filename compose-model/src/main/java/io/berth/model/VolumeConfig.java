package io.berth.model;

import java.util.Map;

/** A top-level volume. {@code name} is the actual name, e.g. {@code myproject_data}. */
public record VolumeConfig(
        String name,
        String driver,
        Map<String, String> driverOpts,
        boolean external,
        Map<String, String> labels,
        Map<String, Object> extensions) {
}
