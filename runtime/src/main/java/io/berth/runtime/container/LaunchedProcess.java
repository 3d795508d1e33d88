package io.berth.runtime.container;

import java.nio.file.Path;

/**
 * A started container process: its PID in the host's namespace and that PID's start time
 * (field 22 of /proc/PID/stat, in clock ticks), which together identify it across PID reuse.
 */
public record LaunchedProcess(long pid, long startTime, Path cgroup) {
}
