package io.berth.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the runtime knows of a container, as one consistent snapshot.
 *
 * @param pid        PID 1 of the container in the host's PID namespace; 0 when not running
 * @param pidStartTime that process's start time (field 22 of /proc/PID/stat): with the PID, it tells
 *                   the container's process from a later one given the same number; 0 when unknown
 * @param exitCode   last exit code; null while never exited or when it exited unsupervised
 * @param addresses  network name to the container's IPv4 address on it
 * @param ports      published ports with the host port actually bound
 */
public record ContainerInfo(
        ContainerId id,
        String name,
        ContainerSpec spec,
        ImageInfo image,
        ContainerState state,
        long pid,
        long pidStartTime,
        Integer exitCode,
        boolean oomKilled,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        int restartCount,
        Map<String, String> addresses,
        List<PortBinding> ports,
        String health) {

    /** Without the PID's start time (0: not checked), for snapshots made outside the supervisor. */
    public ContainerInfo(ContainerId id, String name, ContainerSpec spec, ImageInfo image, ContainerState state,
                         long pid, Integer exitCode, boolean oomKilled, Instant createdAt, Instant startedAt,
                         Instant finishedAt, int restartCount, Map<String, String> addresses,
                         List<PortBinding> ports, String health) {
        this(id, name, spec, image, state, pid, 0, exitCode, oomKilled, createdAt, startedAt, finishedAt,
                restartCount, addresses, ports, health);
    }

    public Map<String, String> labels() {
        return spec.labels();
    }
}
