package io.berth.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * A mount into the container. {@code source} is a host path for BIND, a volume name for VOLUME
 * (null: an anonymous volume), unused for TMPFS, and for VOLUMES_FROM the name (or id) of the
 * container whose mounts this one shares (Docker's {@code --volumes-from}; {@code target} unused).
 * Options carry the rest: "propagation", "nocopy", "tmpfs-size" (bytes), "tmpfs-mode" (octal),
 * "create-host-path", "subpath"; "mode" ("ro"/"rw") for VOLUMES_FROM; and "anonymous", which the
 * runtime sets on the volume mounts of a created container whose volume is anonymous.
 *
 * <p>FILE is a secret or config served as a copy (never a bind of the host file): {@code source}
 * the host file to copy at each start, or null with the text in option "content"; options
 * "uid", "gid" (numbers, default 0) and "mode" (octal, default 0444). The copy lives on a small
 * tmpfs of the container's own and is mounted read-only at {@code target}.
 *
 * <p>A created container's spec (as {@link ContainerInfo#spec()} shows it) holds its mounts as
 * they were resolved: every VOLUME with its volume's name, the image's VOLUME paths added as
 * anonymous volumes, VOLUMES_FROM replaced by the other container's mounts.
 */
public record MountSpec(Type type, String source, String target, boolean readOnly,
                        Map<String, String> options) {
    public enum Type { BIND, VOLUME, TMPFS, VOLUMES_FROM, FILE }

    /**
     * TMPFS: the mount options given beyond size and mode ({@code tmpfs: /run:exec,uid=1000}),
     * merged over Docker's defaults noexec, nosuid, nodev (so "exec" drops noexec).
     */
    public static final String TMPFS_OPTIONS = "tmpfs-options";

    /** Set by the runtime on a VOLUME mount whose volume is anonymous (Docker's 64-hex named ones). */
    public static final String ANONYMOUS = "anonymous";

    public MountSpec {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** {@code volumes_from: container:NAME[:ro|:rw]}; without a mode each mount keeps its own. */
    public static MountSpec volumesFrom(String container, String mode) {
        return new MountSpec(Type.VOLUMES_FROM, container, null, "ro".equals(mode),
                mode == null ? Map.of() : Map.of("mode", mode));
    }

    /** A VOLUME mount whose volume the runtime made up (or carried over from one it made up). */
    public boolean isAnonymousVolume() {
        return type == Type.VOLUME && (source == null || source.isEmpty()
                || "true".equals(options.get(ANONYMOUS)));
    }

    public MountSpec withSource(String newSource) {
        return new MountSpec(type, newSource, target, readOnly, options);
    }

    public MountSpec withOption(String key, String value) {
        Map<String, String> more = new HashMap<>(options);
        more.put(key, value);
        return new MountSpec(type, source, target, readOnly, more);
    }
}
