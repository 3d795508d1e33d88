package io.berth.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Berth keeps its state: {@code stateRoot} (images, containers, volumes; default
 * /var/lib/berth, env BERTH_ROOT) and {@code runRoot} (sockets, pid files, netns; default
 * /run/berth, env BERTH_RUN_ROOT). Tests use their own pair, so they run side by side.
 */
public record RuntimeConfig(Path stateRoot, Path runRoot) {
    public static final Path DEFAULT_STATE_ROOT = Path.of("/var/lib/berth");
    public static final Path DEFAULT_RUN_ROOT = Path.of("/run/berth");

    public static RuntimeConfig fromEnvironment(Map<String, String> env) {
        String state = env.get("BERTH_ROOT");
        String run = env.get("BERTH_RUN_ROOT");
        return new RuntimeConfig(state == null || state.isEmpty() ? DEFAULT_STATE_ROOT : Path.of(state),
                run == null || run.isEmpty() ? DEFAULT_RUN_ROOT : Path.of(run));
    }
}
