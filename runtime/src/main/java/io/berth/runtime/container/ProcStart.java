package io.berth.runtime.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Field 22 of /proc/PID/stat: the start time that, with the PID, identifies a process. */
final class ProcStart {
    private ProcStart() {
    }

    static long startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(fields[19]);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("read start time of pid " + pid + ": " + e.getMessage(), e);
        }
    }
}
