package io.berth.runtime.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host's side of a stats sample: CPU time since boot as Docker's "system usage" counts it (the
 * first line of /proc/stat, user through softirq, in USER_HZ ticks of 1/100 s turned into nanoseconds),
 * the CPUs online, and the memory (MemTotal), the limit of a container that has none.
 */
record HostCounters(long cpuNanos, int onlineCpus, long memoryBytes) {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on every Linux ABI

    static HostCounters read() {
        long ticks = 0;
        int cpus = 0;
        for (String line : lines(Path.of("/proc/stat"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields[0].equals("cpu")) {
                for (int i = 1; i <= 7 && i < fields.length; i++) {
                    ticks += Long.parseLong(fields[i]);
                }
            } else if (fields[0].matches("cpu\\d+")) {
                cpus++;
            }
        }
        long memory = 0;
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memory = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return new HostCounters(ticks * NANOS_PER_TICK, Math.max(1, cpus), memory);
    }

    private static java.util.List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("read " + file + ": " + e.getMessage(), e);
        }
    }
}
