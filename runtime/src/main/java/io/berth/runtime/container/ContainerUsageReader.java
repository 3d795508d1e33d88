package io.berth.runtime.container;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerUsage;
import io.berth.runtime.container.Cgroups.CgroupFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads a running container's counters where the kernel keeps them: its cgroup (cgroup v1 files on
 * hosts like this one; the v2 names where v2 is in charge) and /proc/PID/net/dev, which shows the
 * interfaces of PID's network namespace. A counter whose file is absent (controller not mounted) reads 0.
 */
public final class ContainerUsageReader {
    private final Cgroups cgroups;

    public ContainerUsageReader(Cgroups cgroups) {
        this.cgroups = cgroups;
    }

    public ContainerUsage read(ContainerId id, String relative, long pid) {
        Instant now = Instant.now();
        HostCounters host = HostCounters.read();
        boolean v2 = cgroups.version().equals("v2");
        long cpu = v2 ? counter(dir(relative, "cpu"), "cpu.stat", "usage_usec") * 1000
                : number(dir(relative, "cpuacct"), "cpuacct.usage");
        Optional<Path> memory = dir(relative, "memory");
        long usage = number(memory, v2 ? "memory.current" : "memory.usage_in_bytes");
        long inactiveFile = counter(memory, "memory.stat", v2 ? "inactive_file" : "total_inactive_file");
        long limit = number(memory, v2 ? "memory.max" : "memory.limit_in_bytes");
        limit = limit <= 0 || limit > host.memoryBytes() ? host.memoryBytes() : limit;
        long[] block = v2 ? ioStat(dir(relative, "io")) : blkio(dir(relative, "blkio"));
        long[] network = NetDevCounters.of(pid);
        return new ContainerUsage(id, now, cpu, host.cpuNanos(), host.onlineCpus(), usage, inactiveFile, limit,
                network[0], network[1], block[0], block[1], number(dir(relative, "pids"), "pids.current"));
    }

    private Optional<Path> dir(String relative, String controller) {
        return cgroups.controllerDirectory(relative, controller);
    }

    /** A file holding one number; "max" (v2's no limit) and absence read as 0. */
    private static long number(Optional<Path> directory, String name) {
        Optional<String> text = read(directory, name);
        return text.filter(value -> value.matches("\\d+")).map(Long::parseLong).orElse(0L);
    }

    private static long counter(Optional<Path> directory, String file, String key) {
        return read(directory, file).map(text -> CgroupFiles.counter(text, key)).orElse(0L);
    }

    private static Optional<String> read(Optional<Path> directory, String name) {
        if (directory.isEmpty() || !Files.exists(directory.get().resolve(name))) {
            return Optional.empty();
        }
        return Optional.of(CgroupFiles.read(directory.get().resolve(name)));
    }

    /**
     * v1: "MAJ:MIN Read N" / "MAJ:MIN Write N" lines, summed over devices. The CFQ file is empty on
     * kernels without that scheduler; the throttle file counts every device's I/O then.
     */
    private static long[] blkio(Optional<Path> directory) {
        long[] sums = sumBlkio(read(directory, "blkio.io_service_bytes_recursive").orElse(""));
        return sums[0] + sums[1] > 0 ? sums : sumBlkio(read(directory, "blkio.throttle.io_service_bytes_recursive").orElse(""));
    }

    static long[] sumBlkio(String text) {
        long[] sums = new long[2];
        for (String line : text.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 3 && fields[2].matches("\\d+")) {
                if (fields[1].equalsIgnoreCase("read")) {
                    sums[0] += Long.parseLong(fields[2]);
                } else if (fields[1].equalsIgnoreCase("write")) {
                    sums[1] += Long.parseLong(fields[2]);
                }
            }
        }
        return sums;
    }

    /** v2 io.stat: "MAJ:MIN rbytes=N wbytes=N rios=N ..." per device. */
    static long[] ioStat(Optional<Path> directory) {
        long[] sums = new long[2];
        for (String line : read(directory, "io.stat").orElse("").split("\n")) {
            for (String field : line.trim().split("\\s+")) {
                if (field.startsWith("rbytes=")) {
                    sums[0] += Long.parseLong(field.substring("rbytes=".length()));
                } else if (field.startsWith("wbytes=")) {
                    sums[1] += Long.parseLong(field.substring("wbytes=".length()));
                }
            }
        }
        return sums;
    }
}
