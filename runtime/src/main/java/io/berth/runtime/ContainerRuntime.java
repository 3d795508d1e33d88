package io.berth.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime as the engine and the CLI see it: images, containers, networks and volumes on this
 * host. The one implementation the CLI uses talks to the supervisor over its Unix socket and
 * starts it on demand; the supervisor itself serves the same interface from the kernel.
 *
 * Every method either completes or throws {@link RuntimeOperationException} naming what it tried.
 * Methods are safe to call from several threads and from several processes on one state root.
 */
public interface ContainerRuntime extends AutoCloseable {

    // ---- images -------------------------------------------------------------------------
    Optional<ImageInfo> findImage(ImageReference reference);

    /** Pulls from a registry (plain HTTP allowed for 127.0.0.1 / localhost registries). */
    ImageInfo pullImage(ImageReference reference);

    List<ImageInfo> listImages();

    void removeImage(ImageReference reference, boolean force);

    void tagImage(ImageReference source, ImageReference target);

    // ---- containers ---------------------------------------------------------------------
    /** Creates (does not start) a container; its name must be unique on this host. */
    ContainerInfo createContainer(ContainerSpec spec);

    /**
     * What would keep a container of {@code spec} from being created or started, found without
     * making anything: unknown capabilities, sysctls refused or missing from this kernel, a user or
     * {@code group_add} group its image (when present) does not have, {@code devices:} missing on
     * this host. One line per problem, each starting with the Compose key ("cap_add: ..."); empty
     * when nothing is known to be wrong.
     */
    default List<String> problemsOf(ContainerSpec spec) {
        return List.of();
    }

    void startContainer(ContainerId id);

    /**
     * As {@link #startContainer}; {@code asRestart}: the start of a restart ({@code berth restart}), which
     * the supervisor's event feed records as a {@code restart} after the {@code start}, as Docker does.
     */
    default void startContainer(ContainerId id, boolean asRestart) {
        startContainer(id);
    }

    /**
     * Sends the stop signal, waits up to {@code timeout}, then SIGKILL. If PID 1 does not catch
     * the stop signal (SigCgt), the kernel would drop it: kill at once instead of waiting.
     */
    StopResult stopContainer(ContainerId id, Duration timeout);

    void killContainer(ContainerId id, String signal);

    /** Removes a stopped container (force: kill it first) and every mount it had. */
    void removeContainer(ContainerId id, boolean force);

    /**
     * As {@link #removeContainer(ContainerId, boolean)}; with {@code removeAnonymousVolumes}
     * ({@code rm -v}) also the container's anonymous volumes that no other container uses, as
     * dockerd does. Named volumes stay.
     */
    default void removeContainer(ContainerId id, boolean force, boolean removeAnonymousVolumes) {
        removeContainer(id, force);
    }

    Optional<ContainerInfo> inspectContainer(ContainerId id);

    Optional<ContainerInfo> findContainerByName(String name);

    /** Containers whose labels include every entry of {@code labelFilter} (empty: all). */
    List<ContainerInfo> listContainers(Map<String, String> labelFilter);

    /** Blocks until the container is no longer running, or the timeout passes. */
    Optional<ContainerInfo> waitForExit(ContainerId id, Duration timeout);

    /**
     * Reads a container's log in order; with {@code query.follow()}, keeps delivering new lines
     * until the container stops or the sink returns false.
     */
    void readLogs(ContainerId id, LogQuery query, LogSink sink);

    /**
     * Runs a command in a running container's namespaces (never a JVM inside it), with this
     * process's stdio unless detached; returns its exit code (0 when detached).
     */
    int exec(ContainerId id, ExecSpec spec);

    /**
     * As {@link #exec}, without this process's stdio: stdin is /dev/null and the output is kept
     * and returned with the exit code once the command has ended (Compose's lifecycle hooks).
     */
    default ExecResult execCapturing(ContainerId id, ExecSpec spec) {
        throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                "running a command with its output kept is not available in this runtime");
    }

    /**
     * Connects to a container's stdin and, if it has a terminal, that terminal's output (its
     * {@code tty}/{@code stdin_open}); with {@code start}, starts it first, so no output is missed.
     * {@code rows} and {@code columns} (0: unknown) size its terminal, from the start when it starts
     * it. The container outlives the attachment.
     */
    default ContainerAttachment attach(ContainerId id, boolean start, int rows, int columns) {
        throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                "attaching to a container is not available in this runtime");
    }

    /** The processes of a container, as {@code ps -ef} would list them. */
    List<ProcessEntry> top(ContainerId id);

    /**
     * One sample of a running container's counters (CPU time, memory, network, block I/O, PIDs):
     * read in the caller's process from the container's cgroup and network namespace.
     */
    default ContainerUsage usage(ContainerId id) {
        throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                "container statistics are not available in this runtime");
    }

    /**
     * Delivers every container event of this state root from now on, in order, as the supervisor
     * records them (also those that other processes and the supervisor itself cause: restarts by
     * policy, health changes), until {@code sink} returns false. Blocks; a supervisor that goes
     * away is started again and followed (events while none ran are not known).
     */
    default void events(java.util.function.Predicate<ContainerEvent> sink) {
        throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                "container events are not available in this runtime");
    }

    /** {@code cp} to and from containers, in the caller's process (its files, its stdio). */
    default ContainerCopy copies() {
        throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                "copying files of a container is not available in this runtime");
    }

    /** Freezes every process of a running container (cgroup freezer); its state becomes PAUSED. */
    default void pauseContainer(ContainerId id) {
        throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                "pausing a container is not available in this runtime");
    }

    /** Thaws a paused container; its state becomes RUNNING again. */
    default void unpauseContainer(ContainerId id) {
        throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                "unpausing a container is not available in this runtime");
    }

    // ---- networks -----------------------------------------------------------------------
    /**
     * Fails with CONFLICT ("service web: host port 8080/tcp is already in use ...") when a fixed
     * host port of {@code claims} cannot be published: bound by another program, published by a
     * running Berth container that is not in {@code leaving} (those stop first, releasing theirs),
     * or claimed twice among {@code claims}. Ports left to the runtime (0) are not checked.
     */
    void checkPorts(List<PortClaim> claims, java.util.Set<ContainerId> leaving);

    NetworkInfo createNetwork(NetworkSpec spec);

    void removeNetwork(String name);

    Optional<NetworkInfo> inspectNetwork(String name);

    List<NetworkInfo> listNetworks(Map<String, String> labelFilter);

    // ---- volumes ------------------------------------------------------------------------
    VolumeInfo createVolume(VolumeSpec spec);

    void removeVolume(String name, boolean force);

    Optional<VolumeInfo> inspectVolume(String name);

    List<VolumeInfo> listVolumes(Map<String, String> labelFilter);

    @Override
    void close();
}
