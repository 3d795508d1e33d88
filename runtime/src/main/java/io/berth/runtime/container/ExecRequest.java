package io.berth.runtime.container;

import io.berth.runtime.seccomp.SeccompProgram;
import java.nio.file.Path;
import java.util.List;

/**
 * A command to run in a running container, fully resolved by the caller (see {@link UserResolver}
 * and {@link ContainerFiles} for the user and the container's environment).
 *
 * @param containerPid  PID 1 of the container, as this host sees it
 * @param containerStartTime that process's start time (field 22 of /proc/PID/stat), checked after its
 *                      namespaces are opened so that a PID given to a later process is never joined;
 *                      0: not checked
 * @param cgroupProcs   the container's cgroup.procs files: the exec stage writes itself into every
 *                      one before the command starts
 * @param env           the complete environment (the container's, then the exec's own)
 * @param workingDir    inside the container; null or empty: "/"
 * @param stdio         the caller's descriptors that become the command's 0, 1 and 2; null: this
 *                      process's own 0-2, or /dev/null for all three when detached
 * @param capabilities  names, e.g. Capabilities.DOCKER_DEFAULTS; "ALL" for a privileged exec
 * @param rlimits       the container's ulimits, as PID 1 got them
 * @param seccomp       the container's filter; null: unconfined
 */
public record ExecRequest(long containerPid, long containerStartTime, List<Path> cgroupProcs, List<String> argv, List<String> env,
                          String workingDir, int uid, int gid, List<Integer> supplementaryGids,
                          List<String> capabilities, boolean noNewPrivileges, boolean detach, int[] stdio,
                          List<LaunchRequest.Rlimit> rlimits, SeccompProgram seccomp) {
    public ExecRequest {
        cgroupProcs = List.copyOf(cgroupProcs);
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        supplementaryGids = List.copyOf(supplementaryGids);
        capabilities = List.copyOf(capabilities);
        rlimits = rlimits == null ? List.of() : List.copyOf(rlimits);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("exec needs a command");
        }
        if (cgroupProcs.isEmpty()) {
            throw new IllegalArgumentException("exec needs the container's cgroup.procs files");
        }
    }

    /** No rlimits, no seccomp filter, the PID's start time not checked. */
    public ExecRequest(long containerPid, List<Path> cgroupProcs, List<String> argv, List<String> env,
                       String workingDir, int uid, int gid, List<Integer> supplementaryGids,
                       List<String> capabilities, boolean noNewPrivileges, boolean detach, int[] stdio) {
        this(containerPid, 0, cgroupProcs, argv, env, workingDir, uid, gid, supplementaryGids, capabilities,
                noNewPrivileges, detach, stdio, List.of(), null);
    }

    /** This request with {@code replacement} as the caller's descriptors for 0, 1 and 2. */
    public ExecRequest withStdio(int[] replacement) {
        return new ExecRequest(containerPid, containerStartTime, cgroupProcs, argv, env, workingDir, uid, gid,
                supplementaryGids, capabilities, noNewPrivileges, detach, replacement, rlimits, seccomp);
    }
}
