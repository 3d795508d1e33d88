package io.berth.runtime.supervisor;

import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Killing every process of a container's cgroup, and reading whether it was OOM-killed. */
final class CgroupProcesses {
    private CgroupProcesses() {
    }

    /** SIGKILL PID 1 and every process in the cgroup (cgroup.kill on v2, else one by one). */
    static void killAll(Path cgroup, long pid) {
        if (pid > 0) {
            ProcessCalls.killIfAlive(pid, Signals.SIGKILL);
        }
        if (cgroup == null || !Files.isDirectory(cgroup)) {
            return;
        }
        Path killFile = cgroup.resolve("cgroup.kill");
        if (Files.exists(killFile)) {
            try {
                Files.writeString(killFile, "1");
                return;
            } catch (IOException e) {
                // fall back to killing one by one
            }
        }
        try {
            for (String line : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
                if (!line.isBlank()) {
                    ProcessCalls.killIfAlive(Long.parseLong(line.trim()), Signals.SIGKILL);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the cgroup went away with its processes
        }
    }

    /**
     * Whether the kernel's OOM killer killed a process of the cgroup: "oom_kill N" in
     * memory.events (v2) or memory.oom_control (v1, where the cgroup may be the memory one or
     * a sibling path under /sys/fs/cgroup/memory).
     */
    static boolean oomKilled(Path cgroup) {
        if (cgroup == null) {
            return false;
        }
        for (Path file : new Path[] {cgroup.resolve("memory.events"), cgroup.resolve("memory.oom_control"),
                v1Memory(cgroup).resolve("memory.oom_control")}) {
            try {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).trim()) > 0) {
                        return true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not this hierarchy
            }
        }
        return false;
    }

    private static Path v1Memory(Path cgroup) {
        Path root = Path.of("/sys/fs/cgroup");
        if (cgroup.startsWith(root) && cgroup.getNameCount() > 4) {
            return root.resolve("memory").resolve(cgroup.subpath(4, cgroup.getNameCount()));
        }
        return cgroup;
    }
}
