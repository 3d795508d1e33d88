package io.berth.runtime.build.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run settings of an image (the OCI config's {@code config} object), what a Dockerfile's
 * metadata instructions change. Empty strings and empty collections mean unset; {@code entrypoint},
 * {@code cmd}, {@code shell} and {@code healthcheck} are null when unset (an empty list is a value).
 *
 * @param env          "KEY=value" in order
 * @param shell        null = the default {@code ["/bin/sh", "-c"]}
 * @param onBuild      the ONBUILD trigger instructions as written (e.g. {@code "RUN make"})
 * @param argsEscaped  Windows-only flag carried through as BuildKit does (always false on Linux)
 */
public record ImageSettings(List<String> env, String workingDir, String user, List<String> entrypoint,
                            List<String> cmd, Map<String, String> labels, Set<String> exposedPorts,
                            Set<String> volumes, List<String> shell, Healthcheck healthcheck, String stopSignal,
                            List<String> onBuild, boolean argsEscaped) {
    /** The default shell of RUN/CMD/ENTRYPOINT shell forms. */
    public static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    public ImageSettings {
        env = List.copyOf(env);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        labels = Map.copyOf(labels);
        exposedPorts = Set.copyOf(exposedPorts);
        volumes = Set.copyOf(volumes);
        shell = shell == null ? null : List.copyOf(shell);
        stopSignal = stopSignal == null ? "" : stopSignal;
        onBuild = List.copyOf(onBuild);
    }

    /** The settings of {@code FROM scratch}: nothing set. */
    public static ImageSettings empty() {
        return new ImageSettings(List.of(), "", "", null, null, Map.of(), Set.of(), Set.of(), null, null, "",
                List.of(), false);
    }

    /** These settings without ONBUILD triggers. */
    public ImageSettings withoutOnBuild() {
        return new ImageSettings(env, workingDir, user, entrypoint, cmd, labels, exposedPorts, volumes, shell,
                healthcheck, stopSignal, List.of(), argsEscaped);
    }

    /** The shell for shell forms: {@link #shell} or the default. */
    public List<String> effectiveShell() {
        return shell == null ? DEFAULT_SHELL : shell;
    }
}
