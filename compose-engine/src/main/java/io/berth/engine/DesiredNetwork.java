package io.berth.engine;

import io.berth.runtime.NetworkSpec;

/** A network of the project: {@code key} as in the file, {@code spec.name()} as on the host. */
public record DesiredNetwork(String key, boolean external, NetworkSpec spec) {
    public String name() {
        return spec.name();
    }
}
