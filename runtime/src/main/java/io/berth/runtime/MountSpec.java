package io.berth.runtime;

import java.util.Map;

/**
 * A mount into the container. {@code source} is a host path for BIND, a volume name for VOLUME
 * (null: an anonymous volume), unused for TMPFS. Options carry the rest: "propagation",
 * "nocopy", "tmpfs-size" (bytes), "tmpfs-mode" (octal), "create-host-path", "subpath".
 */
public record MountSpec(Type type, String source, String target, boolean readOnly,
                        Map<String, String> options) {
    public enum Type { BIND, VOLUME, TMPFS }

    public MountSpec {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
