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

        /** A directory kept by the builder between builds, per {@code id} (default: the target). */
        record Cache(String id, String target, boolean readOnly, Optional<Integer> uid, Optional<Integer> gid,
                     Optional<Integer> mode) implements RunMount { }

        record Tmpfs(String target, Optional<Long> sizeBytes) implements RunMount { }

        /**
         * A host directory or file: from the context, a named context, or a stage's root
         * (the caller resolves {@code source} safely inside it). Read-only: writes with rw are
         * not kept in BuildKit either; here rw is refused.
         */
        record Bind(Path source, String target) implements RunMount { }

        /** A secret file at target (default /run/secrets/ID); never in a layer. */
        record Secret(String id, Path source, String target, boolean required) implements RunMount { }
    }
}
