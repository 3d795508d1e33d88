package io.berth.runtime.init;

import io.berth.runtime.seccomp.SeccompProgram;
import java.util.List;

/**
 * The config of {@code berth-init exec} (runtime/src/main/c/exec-stage.c), the first process of an
 * exec or healthcheck: the same line format and keys as {@link InitConfig}, plus the descriptors
 * of the container's cgroup.procs files it writes itself into before anything else.
 *
 * @param cgroupProcsFds descriptor numbers in the stage (see {@link InitStage#EXEC_FIRST_CGROUP_FD})
 * @param seccomp        null: unconfined
 */
public record ExecStageConfig(List<String> argv, List<String> env, String workingDir, int uid, int gid,
                              List<Integer> groups, List<String> capabilities, boolean noNewPrivileges,
                              List<InitConfig.Rlimit> rlimits, SeccompProgram seccomp,
                              List<Integer> cgroupProcsFds) {
    public ExecStageConfig {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        groups = List.copyOf(groups);
        capabilities = List.copyOf(capabilities);
        rlimits = List.copyOf(rlimits);
        cgroupProcsFds = List.copyOf(cgroupProcsFds);
    }

    public String encode() {
        StringBuilder out = new StringBuilder();
        argv.forEach(arg -> InitConfig.line(out, "arg", arg));
        env.forEach(entry -> InitConfig.line(out, "env", entry));
        InitConfig.line(out, "cwd", workingDir == null || workingDir.isEmpty() ? "/" : workingDir);
        InitConfig.line(out, "uid", Integer.toString(uid));
        InitConfig.line(out, "gid", Integer.toString(gid));
        groups.forEach(group -> InitConfig.line(out, "group", group.toString()));
        InitConfig.capabilityNumbers(out, capabilities);
        InitConfig.line(out, "nnp", Boolean.toString(noNewPrivileges));
        rlimits.forEach(r -> InitConfig.line(out, "rlimit", r.name(), Long.toString(r.soft()), Long.toString(r.hard())));
        if (seccomp != null) {
            InitConfig.line(out, "seccomp", seccomp.hex());
        }
        cgroupProcsFds.forEach(fd -> InitConfig.line(out, "cgroupfd", fd.toString()));
        return out.toString();
    }
}
