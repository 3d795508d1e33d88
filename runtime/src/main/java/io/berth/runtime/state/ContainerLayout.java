package io.berth.runtime.state;

import io.berth.runtime.ContainerId;
import io.berth.runtime.RuntimeConfig;
import java.nio.file.Path;

/** The one class that knows where a container's files live under the state and run roots. */
public record ContainerLayout(RuntimeConfig config) {

    public Path containersRoot() {
        return config.stateRoot().resolve("containers");
    }

    public Path dir(ContainerId id) {
        return containersRoot().resolve(id.value());
    }

    public Path stateFile(ContainerId id) {
        return dir(id).resolve("state.json");
    }

    /** Raw stdout the container appends to; the log pump turns it into {@link #jsonLog}. */
    public Path rawStdout(ContainerId id) {
        return dir(id).resolve("stdout.raw");
    }

    public Path rawStderr(ContainerId id) {
        return dir(id).resolve("stderr.raw");
    }

    /** How far the pump has consumed each raw stream (survives a supervisor restart). */
    public Path logOffsets(ContainerId id) {
        return dir(id).resolve("log-offsets.json");
    }

    /** The Docker json-file style log; rotated files are container.log.1, .2, ... (older higher). */
    public Path jsonLog(ContainerId id) {
        return dir(id).resolve("container.log");
    }

    public Path upperDir(ContainerId id) {
        return dir(id).resolve("upper");
    }

    public Path workDir(ContainerId id) {
        return dir(id).resolve("work");
    }

    public Path rootfs(ContainerId id) {
        return dir(id).resolve("rootfs");
    }

    public Path supervisorSocket() {
        return config.runRoot().resolve("supervisor.sock");
    }

    public Path supervisorPidFile() {
        return config.runRoot().resolve("supervisor.pid");
    }

    public Path supervisorStartLock() {
        return config.runRoot().resolve("supervisor.start.lock");
    }

    public Path supervisorLog() {
        return config.runRoot().resolve("supervisor.log");
    }

    /** Held by the running supervisor for its whole life: one supervisor per state root. */
    public Path supervisorLock() {
        return config.stateRoot().resolve("supervisor.lock");
    }
}
