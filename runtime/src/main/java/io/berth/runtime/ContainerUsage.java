package io.berth.runtime;

import java.time.Instant;

/**
 * One sample of a running container's resource counters, read from its cgroup and network
 * namespace; two samples give its CPU share as Docker computes it ({@link #cpuPercentSince}).
 *
 * @param cpuNanos            CPU time the container's processes used since it started
 * @param hostCpuNanos        CPU time of the whole host since boot (/proc/stat: user to softirq), as Docker's system usage
 * @param onlineCpus          CPUs of the host
 * @param memoryBytes         memory charged to the cgroup, page cache included
 * @param inactiveFileBytes   the cgroup's inactive file cache (memory.stat total_inactive_file on v1, inactive_file on v2)
 * @param memoryLimitBytes    the cgroup's limit, at most the host's memory
 * @param pids                processes and threads in the cgroup
 */
public record ContainerUsage(
        ContainerId id,
        Instant readAt,
        long cpuNanos,
        long hostCpuNanos,
        int onlineCpus,
        long memoryBytes,
        long inactiveFileBytes,
        long memoryLimitBytes,
        long networkReceivedBytes,
        long networkSentBytes,
        long blockReadBytes,
        long blockWrittenBytes,
        long pids) {

    /** Memory less the inactive page cache, as docker stats shows it (the cache is given back under pressure). */
    public long memoryWithoutCacheBytes() {
        return inactiveFileBytes < memoryBytes ? memoryBytes - inactiveFileBytes : memoryBytes;
    }

    public double memoryPercent() {
        return memoryLimitBytes == 0 ? 0 : memoryWithoutCacheBytes() * 100.0 / memoryLimitBytes;
    }

    /** The container's CPU time against the host's between the two samples, times the CPUs (100% is one CPU busy). */
    public double cpuPercentSince(ContainerUsage earlier) {
        double container = cpuNanos - earlier.cpuNanos;
        double host = hostCpuNanos - earlier.hostCpuNanos;
        return host > 0 && container > 0 ? container / host * onlineCpus * 100.0 : 0.0;
    }
}
