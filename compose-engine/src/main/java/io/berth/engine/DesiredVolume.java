package io.berth.engine;

import io.berth.runtime.VolumeSpec;

/** A named volume of the project: {@code key} as in the file, {@code spec.name()} as on the host. */
public record DesiredVolume(String key, boolean external, VolumeSpec spec) {
    public String name() {
        return spec.name();
    }
}
