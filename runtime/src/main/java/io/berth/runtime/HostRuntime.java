package io.berth.runtime;

import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.client.SupervisorClient;
import io.berth.runtime.client.SupervisorStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The runtime of one state root as the engine and the CLI use it: containers through the
 * supervisor's client (they must outlive this process), images, networks and volumes through
 * their services in this process (each keeps its own file locks), exec and top here too (they
 * need this process's stdio). Each service is opened on first use, so {@code ps} opens no store.
 */
public final class HostRuntime implements ContainerRuntime {
    private final SupervisorClient containers;
    private final Lazy<ImageService> images;
    private final Lazy<NetworkService> networks;
    private final Lazy<VolumeService> volumes;
    private final Lazy<ContainerProcesses> processes = new Lazy<>(ContainerProcesses::new);
    private final Lazy<ContainerCopy> copies;
    /** The caller's registry settings, for the pulls of up, create and run (as berth pull's). */
    private final RegistrySettings registries;

    HostRuntime(SupervisorClient containers, RuntimeConfig config, RegistrySettings registries) {
        this.containers = containers;
        this.registries = java.util.Objects.requireNonNull(registries, "registries");
        this.images = new Lazy<>(() -> ImageService.open(config));
        this.networks = new Lazy<>(() -> NetworkService.open(config, System.getenv()));
        this.volumes = new Lazy<>(() -> VolumeService.open(config));
        this.copies = new Lazy<>(() -> new ContainerCopy(config));
    }

    public RuntimeConfig config() {
        return containers.config();
    }

    // ---- containers: the supervisor -----------------------------------------------------
    @Override
    public ContainerInfo createContainer(ContainerSpec spec) {
        return containers.createContainer(spec);
    }

    /** Checked here, in the caller's process: the image store and the host's /proc/sys and /dev are here too. */
    @Override
    public List<String> problemsOf(ContainerSpec spec) {
        ImageInfo image = spec.image() == null ? null : images.get().resolve(spec.image()).orElse(null);
        List<java.nio.file.Path> layers = image == null ? null : images.get().layerDirs(image.id());
        return io.berth.runtime.launch.ContainerPreflight.problems(spec, image, layers,
                java.nio.file.Path.of("/proc/sys"));
    }

    @Override
    public void startContainer(ContainerId id) {
        containers.startContainer(id);
    }

    @Override
    public void startContainer(ContainerId id, boolean asRestart) {
        containers.startContainer(id, asRestart);
    }

    @Override
    public StopResult stopContainer(ContainerId id, Duration timeout) {
        return containers.stopContainer(id, timeout);
    }

    @Override
    public void killContainer(ContainerId id, String signal) {
        containers.killContainer(id, signal);
    }

    @Override
    public void pauseContainer(ContainerId id) {
        containers.pauseContainer(id);
    }

    @Override
    public void unpauseContainer(ContainerId id) {
        containers.unpauseContainer(id);
    }

    @Override
    public void removeContainer(ContainerId id, boolean force) {
        containers.removeContainer(id, force, false);
    }

    @Override
    public void removeContainer(ContainerId id, boolean force, boolean removeAnonymousVolumes) {
        containers.removeContainer(id, force, removeAnonymousVolumes);
    }

    @Override
    public Optional<ContainerInfo> inspectContainer(ContainerId id) {
        return containers.inspectContainer(id);
    }

    @Override
    public Optional<ContainerInfo> findContainerByName(String name) {
        return containers.findContainerByName(name);
    }

    @Override
    public List<ContainerInfo> listContainers(Map<String, String> labelFilter) {
        return containers.listContainers(labelFilter);
    }

    @Override
    public Optional<ContainerInfo> waitForExit(ContainerId id, Duration timeout) {
        return containers.waitForExit(id, timeout);
    }

    @Override
    public void readLogs(ContainerId id, LogQuery query, LogSink sink) {
        containers.readLogs(id, query, sink);
    }

    @Override
    public ContainerAttachment attach(ContainerId id, boolean start, int rows, int columns) {
        return containers.attach(id, start, rows, columns);
    }

    // ---- exec and top: this process -----------------------------------------------------
    @Override
    public int exec(ContainerId id, ExecSpec spec) {
        return processes.get().exec(requireRunning(id), spec);
    }

    @Override
    public ExecResult execCapturing(ContainerId id, ExecSpec spec) {
        return processes.get().execCapturing(requireRunning(id), spec);
    }

    @Override
    public List<ProcessEntry> top(ContainerId id) {
        ContainerInfo info = inspectContainer(id).orElseThrow(() ->
                new RuntimeOperationException(Kind.NOT_FOUND, "no such container: " + id.shortId()));
        return processes.get().top(info.state() == ContainerState.PAUSED ? info : requireRunning(id));
    }

    @Override
    public ContainerCopy copies() {
        return copies.get();
    }

    @Override
    public ContainerUsage usage(ContainerId id) {
        ContainerInfo info = inspectContainer(id).orElseThrow(() ->
                new RuntimeOperationException(Kind.NOT_FOUND, "no such container: " + id.shortId()));
        if (info.state() != ContainerState.RUNNING && info.state() != ContainerState.PAUSED) {
            throw new RuntimeOperationException(Kind.CONFLICT, "container " + info.name() + " is not running");
        }
        return processes.get().usage(info);
    }

    @Override
    public void events(java.util.function.Predicate<ContainerEvent> sink) {
        containers.events(sink);
    }

    private ContainerInfo requireRunning(ContainerId id) {
        ContainerInfo info = inspectContainer(id).orElseThrow(() ->
                new RuntimeOperationException(Kind.NOT_FOUND, "no such container: " + id.shortId()));
        if (info.state() == ContainerState.PAUSED) {
            // docker's words: a process joining a frozen cgroup would freeze at once
            throw new RuntimeOperationException(Kind.CONFLICT, "container " + info.name()
                    + " is paused, unpause the container before exec");
        }
        if (info.state() != ContainerState.RUNNING) {
            throw new RuntimeOperationException(Kind.CONFLICT, "container " + info.name() + " is not running");
        }
        return info;
    }

    // ---- images, networks, volumes: this process ----------------------------------------
    @Override
    public Optional<ImageInfo> findImage(ImageReference reference) {
        return images.get().resolve(reference);
    }

    @Override
    public ImageInfo pullImage(ImageReference reference) {
        return images.get().pull(reference, registries, progress -> { });
    }

    @Override
    public List<ImageInfo> listImages() {
        return images.get().list();
    }

    @Override
    public void removeImage(ImageReference reference, boolean force) {
        images.get().remove(reference, force);
    }

    @Override
    public void tagImage(ImageReference source, ImageReference target) {
        images.get().tag(source, target);
    }

    @Override
    public void checkPorts(List<PortClaim> claims, Set<ContainerId> leaving) {
        NetworkService.checkPorts(claims, leaving);
    }

    @Override
    public NetworkInfo createNetwork(NetworkSpec spec) {
        return networks.get().create(spec);
    }

    @Override
    public void removeNetwork(String name) {
        networks.get().remove(name, false);
    }

    @Override
    public Optional<NetworkInfo> inspectNetwork(String name) {
        return networks.get().inspect(name);
    }

    @Override
    public List<NetworkInfo> listNetworks(Map<String, String> labelFilter) {
        return networks.get().list(labelFilter);
    }

    @Override
    public VolumeInfo createVolume(VolumeSpec spec) {
        return volumes.get().create(spec);
    }

    @Override
    public void removeVolume(String name, boolean force) {
        volumes.get().remove(name, force);
    }

    @Override
    public Optional<VolumeInfo> inspectVolume(String name) {
        return volumes.get().inspect(name);
    }

    @Override
    public List<VolumeInfo> listVolumes(Map<String, String> labelFilter) {
        return volumes.get().list(labelFilter);
    }

    // ---- the supervisor itself ----------------------------------------------------------
    /** Asks the supervisor to exit (containers keep running). False when none was running. */
    public boolean shutdownSupervisor() {
        return containers.shutdownSupervisor();
    }

    /** The supervisor's own figures: PID, VmRSS, containers, threads. */
    public SupervisorStatus supervisorStatus() {
        return containers.supervisorStatus();
    }

    @Override
    public void close() {
    }

    /** A value made on first use, once. */
    private static final class Lazy<T> {
        private final Supplier<T> make;
        private T value;

        Lazy(Supplier<T> make) {
            this.make = make;
        }

        synchronized T get() {
            if (value == null) {
                value = make.get();
            }
            return value;
        }
    }
}
