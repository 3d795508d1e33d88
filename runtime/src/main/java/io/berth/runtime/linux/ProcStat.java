package io.berth.runtime.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Reads /proc/PID: start time (to trust a PID across reuse) and the caught-signal mask. */
public final class ProcStat {
    private ProcStat() {
    }

    /**
     * Field 22 of /proc/PID/stat (start time in clock ticks since boot), also of a zombie (a
     * process that exited at once still has its identity until reaped); empty when gone.
     */
    public static OptionalLong startTime(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(fields[19]));
    }

    /** True when the process runs (exists, not a zombie) and started at {@code startTime}. */
    public static boolean isSameProcess(long pid, long startTime) {
        String[] fields = pid <= 0 ? null : statFields(pid);
        return fields != null && !"Z".equals(fields[0]) && !"X".equals(fields[0])
                && Long.parseLong(fields[19]) == startTime;
    }

    /** True when the process exists and is not a zombie. */
    public static boolean isAlive(long pid) {
        String[] fields = pid <= 0 ? null : statFields(pid);
        return fields != null && !"Z".equals(fields[0]) && !"X".equals(fields[0]);
    }

    /** Fields 3.. of /proc/PID/stat (fields[0] is the state, fields[19] the start time), or null. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces and parentheses: split after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return fields.length > 19 ? fields : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether the process has a handler for {@code signal} (bit signal-1 of SigCgt). */
    public static boolean catchesSignal(long pid, int signal) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("SigCgt:")) {
                    long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (mask & (1L << (signal - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** VmRSS of a process in KiB, or -1. */
    public static long rssKib(long pid) {
        return statusKib(pid, "VmRSS");
    }

    /** A "Name:  N kB" field of /proc/PID/status in KiB (VmRSS, RssAnon, ...), or -1. */
    public static long statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
