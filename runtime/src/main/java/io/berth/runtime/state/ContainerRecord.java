package io.berth.runtime.state;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.PortBinding;
import io.berth.runtime.container.LaunchRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One container's state as stored in {@code containers/<id>/state.json}. The PID is trusted only
 * together with {@code pidStartTime} (field 22 of /proc/PID/stat).
 *
 * @param launch          the fully resolved launch request, made at create time
 * @param starting        set just before the launcher runs: a supervisor that died in that window
 *                        finds it on restart and cleans up what the launch may have made
 * @param exitCodeUnknown the process exited while no supervisor was its parent (re-adopted), so
 *                        its exit status could not be read
 * @param stoppedByUser   stop/kill was asked for: restart policies other than "always" hold off,
 *                        and "unless-stopped" stays down across supervisor restarts
 * @param error           the last start failure, worded for people
 * @param volumes         the volumes (named and anonymous) the container uses, released at removal
 * @param health          "starting", "healthy", "unhealthy"; null without a healthcheck
 */
public record ContainerRecord(
        int version,
        ContainerId id,
        String name,
        ContainerSpec spec,
        ImageInfo image,
        ContainerState state,
        LaunchRequest launch,
        boolean starting,
        long pid,
        long pidStartTime,
        Path cgroup,
        Integer exitCode,
        boolean exitCodeUnknown,
        boolean oomKilled,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        int restartCount,
        boolean stoppedByUser,
        String error,
        Map<String, String> addresses,
        List<PortBinding> ports,
        List<String> volumes,
        String health) {

    public static final int CURRENT_VERSION = 1;

    public ContainerRecord {
        addresses = addresses == null ? Map.of() : Map.copyOf(addresses);
        ports = ports == null ? List.of() : List.copyOf(ports);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    public ContainerInfo toInfo() {
        return new ContainerInfo(id, name, spec, image, state, state.isRunning() ? pid : 0,
                state.isRunning() ? pidStartTime : 0, exitCode,
                oomKilled, createdAt, startedAt, finishedAt, restartCount, addresses, ports, health);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copy-with for the few fields that change over a container's life. */
    public static final class Builder {
        private final ContainerRecord base;
        private ContainerState state;
        private LaunchRequest launch;
        private boolean starting;
        private long pid;
        private long pidStartTime;
        private Path cgroup;
        private Integer exitCode;
        private boolean exitCodeUnknown;
        private boolean oomKilled;
        private Instant startedAt;
        private Instant finishedAt;
        private int restartCount;
        private boolean stoppedByUser;
        private String error;
        private Map<String, String> addresses;
        private List<PortBinding> ports;
        private String health;

        private Builder(ContainerRecord base) {
            this.base = base;
            state = base.state;
            launch = base.launch;
            starting = base.starting;
            pid = base.pid;
            pidStartTime = base.pidStartTime;
            cgroup = base.cgroup;
            exitCode = base.exitCode;
            exitCodeUnknown = base.exitCodeUnknown;
            oomKilled = base.oomKilled;
            startedAt = base.startedAt;
            finishedAt = base.finishedAt;
            restartCount = base.restartCount;
            stoppedByUser = base.stoppedByUser;
            error = base.error;
            addresses = base.addresses;
            ports = base.ports;
            health = base.health;
        }

        public Builder state(ContainerState value) { state = value; return this; }
        public Builder launch(LaunchRequest value) { launch = value; return this; }
        public Builder starting(boolean value) { starting = value; return this; }
        public Builder process(long newPid, long newStartTime, Path newCgroup) {
            pid = newPid;
            pidStartTime = newStartTime;
            cgroup = newCgroup;
            return this;
        }
        public Builder exit(Integer code, boolean unknown, boolean oom, Instant at) {
            exitCode = code;
            exitCodeUnknown = unknown;
            oomKilled = oom;
            finishedAt = at;
            return this;
        }
        public Builder startedAt(Instant value) { startedAt = value; return this; }
        public Builder restartCount(int value) { restartCount = value; return this; }
        public Builder stoppedByUser(boolean value) { stoppedByUser = value; return this; }
        public Builder error(String value) { error = value; return this; }
        public Builder health(String value) { health = value; return this; }
        public Builder network(Map<String, String> newAddresses, List<PortBinding> newPorts) {
            addresses = newAddresses;
            ports = newPorts;
            return this;
        }

        public ContainerRecord build() {
            return new ContainerRecord(CURRENT_VERSION, base.id, base.name, base.spec, base.image, state,
                    launch, starting, pid, pidStartTime, cgroup, exitCode, exitCodeUnknown, oomKilled,
                    base.createdAt, startedAt, finishedAt, restartCount, stoppedByUser, error, addresses,
                    ports, base.volumes, health);
        }
    }
}
