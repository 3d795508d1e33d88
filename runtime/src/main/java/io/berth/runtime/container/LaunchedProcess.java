package io.berth.runtime.container;

import java.nio.file.Path;

/**
 * A started container process: its PID in the host's namespace and that PID's start time
 * (field 22 of /proc/PID/stat, in clock ticks), which together identify it across PID reuse.
 *
 * @param stdioFd the caller's end of the process's stdio for {@link ContainerStdio#TERMINAL} (the pty
 *                master) and {@link ContainerStdio#STDIN_PIPE} (the pipe's write end), CLOEXEC; else -1
 */
public record LaunchedProcess(long pid, long startTime, Path cgroup, int stdioFd) {
    public LaunchedProcess(long pid, long startTime, Path cgroup) {
        this(pid, startTime, cgroup, -1);
    }
}
