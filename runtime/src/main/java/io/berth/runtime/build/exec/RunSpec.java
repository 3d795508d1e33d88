package io.berth.runtime.build.exec;

import io.berth.runtime.build.BuildNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One RUN, fully resolved for execution.
 *
 * @param argv       the command (shell form already wrapped in the stage's SHELL)
 * @param env        KEY=VALUE: the stage's ENV, then the build args the step sees
 * @param user       the USER in effect ("" = root), resolved in the stage's /etc/passwd here
 * @param workingDir absolute path inside the root
 * @param network    default, none or host
 * @param mounts     RUN --mount=... in order
 */
public record RunSpec(List<String> argv, List<String> env, String user, String workingDir, BuildNetwork network,
                      List<RunMount> mounts) {
    public RunSpec {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        mounts = List.copyOf(mounts);
        user = user == null ? "" : user;
        workingDir = workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
    }

    /** RUN --mount=...; targets are absolute paths inside the root. */
    public sealed interface RunMount {
        String target();

        /** A directory kept by the builder between builds ({@link CacheMountDirs}), already held for the step. */
        record Cache(Path dir, String target, boolean readOnly) implements RunMount { }

        record Tmpfs(String target, Optional<Long> sizeBytes) implements RunMount { }

        /**
         * A host directory or file: from the context, a named context, or a stage's root
         * (the caller resolves {@code source} safely inside it). Read-only, or with rw writable over
         * a copy the step discards (as BuildKit discards them): {@code source} is then that copy.
         */
        record Bind(Path source, String target, boolean readOnly) implements RunMount {
            Bind(Path source, String target) {
                this(source, target, true);
            }
        }

        /** A secret file at target (default /run/secrets/ID); never in a layer. */
        record Secret(String id, Path source, String target, boolean required) implements RunMount { }
    }
}
